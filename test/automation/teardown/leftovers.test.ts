import { expect } from "chai";
import { ownedOf } from "../../../automation/teardown/cloud";
import { distinctLeftovers, ec2Queries, taggedWithCluster } from "../../../automation/teardown/leftovers";

describe("weekend teardown: what counts as owned by the cluster", () => {
    it("LoadBalancer Services, Ingresses and PVCs of kubectl's list; ClusterIP Services and other kinds are not", () => {
        const items = [
            { kind: "Service", metadata: { namespace: "ingress-nginx", name: "lb" }, spec: { type: "LoadBalancer" } },
            { kind: "Service", metadata: { namespace: "default", name: "kubernetes" }, spec: { type: "ClusterIP" } },
            { kind: "Ingress", metadata: { namespace: "payments", name: "api" } },
            { kind: "PersistentVolumeClaim", metadata: { namespace: "monitoring", name: "db" } },
            { kind: "ConfigMap", metadata: { namespace: "x", name: "y" } },
        ];
        expect(ownedOf(items)).to.deep.equal([
            { kind: "Service", namespace: "ingress-nginx", name: "lb" },
            { kind: "Ingress", namespace: "payments", name: "api" },
            { kind: "PersistentVolumeClaim", namespace: "monitoring", name: "db" },
        ]);
    });

    it("queries ENIs, security groups and volumes by the controllers' cluster tags", () => {
        const filters = ec2Queries("dev-eks").map((q) => `${q.kind}: ${q.args[1]} ${q.args[3]}`);
        expect(filters).to.deep.equal([
            "network interface: describe-network-interfaces Name=tag:cluster.k8s.amazonaws.com/name,Values=dev-eks",
            "network interface: describe-network-interfaces Name=description,Values=Amazon EKS dev-eks",
            "security group: describe-security-groups Name=tag:elbv2.k8s.aws/cluster,Values=dev-eks",
            "security group: describe-security-groups Name=tag-key,Values=kubernetes.io/cluster/dev-eks",
            "EBS volume: describe-volumes Name=tag:KubernetesCluster,Values=dev-eks",
            "EBS volume: describe-volumes Name=tag-key,Values=kubernetes.io/cluster/dev-eks",
        ]);
    });

    const tags: [string, { Key: string; Value: string }[], boolean][] = [
        ["the load balancer controller's tag", [{ Key: "elbv2.k8s.aws/cluster", Value: "dev-eks" }], true],
        ["the in-tree provider's tag", [{ Key: "kubernetes.io/cluster/dev-eks", Value: "owned" }], true],
        ["another cluster's", [{ Key: "elbv2.k8s.aws/cluster", Value: "prod-frankfurt-eks" }], false],
        ["no tag", [], false],
    ];
    for (const [title, t, expected] of tags)
        it(`a load balancer with ${title} is ${expected ? "" : "not "}a leftover`, () => {
            expect(taggedWithCluster(t, "dev-eks")).to.equal(expected);
        });

    it("reports a resource two queries found once, in a stable order", () => {
        expect(
            distinctLeftovers([
                { kind: "security group", id: "sg-2" },
                { kind: "EBS volume", id: "vol-1" },
                { kind: "security group", id: "sg-2" },
            ]),
        ).to.deep.equal([
            { kind: "EBS volume", id: "vol-1" },
            { kind: "security group", id: "sg-2" },
        ]);
    });
});
