import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { Role } from './roles';
import { UpdateWorkspaceSettingsInput } from './workspace-settings.inputs';
import { Workspace } from './workspace.entity';

@Resolver()
export class WorkspaceSettingsResolver {
  @Guard({ scope: 'identity:write', role: Role.ADMIN })
  @Mutation(() => Workspace, {
    description:
      'Requires ADMIN or above, or an API key with identity:write (else FORBIDDEN). Changes the workspace\'s parameters ' +
      '(recorded in settingsHistory). Errors: BAD_USER_INPUT (unknown time zone or country, empty name or label, postpone hours out of 1..8760).',
  })
  updateWorkspaceSettings(@Arg('input', { description: 'The parameters to change.' }) input: UpdateWorkspaceSettingsInput, @Ctx() context: RequestContext): Promise<Workspace> {
    return context.services.workspaces.updateSettings(principalOf(context), input);
  }
}
