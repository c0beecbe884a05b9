/**
 * Image references of the payments services, as config gives them: a digest or an immutable tag of
 * the service's own ECR repository. A tag that moves (`latest`, a branch name) would let two pods of
 * one Deployment run different code and makes a rollback meaningless, so it is refused before any
 * resource. Tags are safe to use because the repositories are created with immutable tags.
 */

/** `sha256:` and 64 lowercase hex digits, as ECR reports image digests. */
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** ECR's tag charset and length (the first character may not be `.` or `-`). */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Tags that by convention point at whatever was pushed last. */
const FLOATING = ["latest", "stable", "main", "master", "dev", "edge", "nightly"];

/** Problems of one configured reference (`key` as the user wrote it), empty when it is usable. */
export function imageReferenceProblems(key: string, value: string): string[] {
    if (DIGEST.test(value)) return [];
    if (value.includes("@") || value.includes("/") || value.includes(":"))
        return [
            `${key} is "${value}": give only a tag or a digest (sha256:<64 hex>) of the service's repository, not a full image name`,
        ];
    if (!TAG.test(value))
        return [`${key} is "${value}": an ECR tag is 1-128 of A-Z a-z 0-9 _ . - and starts with a letter, digit or _`];
    if (FLOATING.includes(value.toLowerCase()))
        return [
            `${key} is "${value}", a tag that moves: use an immutable release tag (e.g. 2026.11.30-3f9c2e1) or a digest`,
        ];
    return [];
}

/** The pullable reference: `repo@sha256:…` for a digest, `repo:tag` for a tag. */
export function imageUri(repositoryUrl: string, reference: string): string {
    return DIGEST.test(reference) ? `${repositoryUrl}@${reference}` : `${repositoryUrl}:${reference}`;
}
