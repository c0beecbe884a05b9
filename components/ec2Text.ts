/**
 * What EC2 accepts in security group names, group descriptions and rule descriptions (pure).
 *
 * EC2's CreateSecurityGroup and the rule APIs allow only `a-zA-Z0-9`, spaces and `._-:/()#,@[]+=&;{}!$*`,
 * up to 255 characters (EC2 API reference, CreateSecurityGroup: GroupName / GroupDescription, and
 * IpRange/UserIdGroupPair Description). `pulumi preview` does not check it: the provider's schema has
 * no pattern for these fields, so a stray apostrophe fails only at `pulumi up`, mid-deploy.
 */

/** The characters EC2 allows, as shown in messages. */
export const EC2_TEXT_ALLOWED = "a-z A-Z 0-9, space and ._-:/()#,@[]+=&;{}!$*";

/** EC2's limit for these fields. */
export const EC2_TEXT_MAX = 255;

const EC2_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

/**
 * The problem with `value` as a security group name or (rule) description, naming `field`, or
 * undefined when EC2 accepts it.
 */
export function ec2TextProblem(field: string, value: string): string | undefined {
    const bad = [...new Set([...value].filter((ch) => !EC2_TEXT.test(ch)))];
    const problems: string[] = [];
    if (bad.length > 0) problems.push(`has ${bad.map((c) => JSON.stringify(c)).join(", ")}`);
    if (value.length > EC2_TEXT_MAX) problems.push(`is ${value.length} characters long`);
    if (problems.length === 0) return undefined;
    return `${field} is ${JSON.stringify(value)}, it ${problems.join(" and ")}; EC2 allows ${EC2_TEXT_ALLOWED}, at most ${EC2_TEXT_MAX} characters`;
}

/** `text` made acceptable to EC2: each character it rejects becomes "-", cut to 255 characters. */
export function ec2Description(text: string): string {
    return [...text]
        .map((c) => (EC2_TEXT.test(c) ? c : "-"))
        .join("")
        .slice(0, EC2_TEXT_MAX);
}

/** Whether EC2 accepts `value` as a security group name or (rule) description. */
export function isEc2Text(value: string): boolean {
    return ec2TextProblem("value", value) === undefined;
}
