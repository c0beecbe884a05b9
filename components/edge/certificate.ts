/**
 * The region's ACM certificate for the names CloudFront and clients use (the origin record and
 * `api`), DNS-validated in the platform's public zone.
 *
 * The zone comes in as an id (config), not from edge-global: the ALB listeners need an issued
 * certificate (ELB refuses a pending one), edge-global reads every regional ALB, and so the regional
 * stacks must be able to run their first `pulumi up` before edge-global exists. The zone is the
 * one thing both sides need first, and it outlives both.
 *
 * ACM hands out the same validation CNAME for a domain name to every certificate of the account,
 * whichever the region, so all regional stacks write the same records: `allowOverwrite` lets the
 * second region take the record over, and `retainOnDelete` keeps one region's destroy from deleting
 * the record the other regions' renewals still need.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTag } from "../tags";

export interface CertificateArgs {
    hostedZoneId: pulumi.Input<string>;
    /** The first name is the certificate's subject, the others its alternative names. */
    names: string[];
    tags: Record<string, string>;
}

/** A DNS-validated certificate; the returned ARN resolves once ACM has issued it. */
export function validatedCertificate(
    name: string,
    args: CertificateArgs,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    const [subject, ...alternatives] = args.names;
    const cert = new aws.acm.Certificate(
        name,
        {
            domainName: subject,
            subjectAlternativeNames: alternatives,
            validationMethod: "DNS",
            keyAlgorithm: "EC_prime256v1",
            tags: nameTag(name, args.tags),
        },
        { parent },
    );
    // One record per name, keyed by the name (known at plan time), never by list position.
    const records = args.names.map((domain) => {
        const option = cert.domainValidationOptions.apply((opts) => (opts ?? []).find((o) => o.domainName === domain));
        return new aws.route53.Record(
            `${name}-validation-${domain.replace(/\./g, "-")}`,
            {
                zoneId: args.hostedZoneId,
                name: option.apply((o) => o?.resourceRecordName ?? ""),
                type: option.apply((o) => o?.resourceRecordType ?? "CNAME"),
                records: [option.apply((o) => o?.resourceRecordValue ?? "")],
                ttl: 300,
                allowOverwrite: true,
            },
            { parent, retainOnDelete: true },
        );
    });
    const validation = new aws.acm.CertificateValidation(
        `${name}-validation`,
        { certificateArn: cert.arn, validationRecordFqdns: records.map((r) => r.fqdn) },
        { parent },
    );
    return validation.certificateArn;
}
