/** The CI roles as the workflows name them: the bootstrap stack's names (components/delivery/ciRoles.ts). */
import { CiAccess, ciRoleName } from "../../components/delivery/ciRoles";

export { CiAccess, ciRoleName };

/** The ARN as a workflow writes it: the account comes from the repository variable AWS_ACCOUNT_ID. */
export function ciRoleArn(environment: string, access: CiAccess): string {
    return `arn:aws:iam::\${{ vars.AWS_ACCOUNT_ID }}:role/${ciRoleName(environment, access)}`;
}
