import { Column } from 'typeorm';
import type { Principal } from './principal';

/** Who did something: a member or an API key (embedded into entities as `<prefix>_member_id`, `<prefix>_api_key_id`). */
export class ActorRef {
  @Column({ type: 'uuid', nullable: true })
  memberId: string | null;

  @Column({ type: 'uuid', nullable: true })
  apiKeyId: string | null;
}

export const actorRefOf = (principal: Principal): ActorRef => ({
  memberId: principal.kind === 'member' ? principal.membershipId : null,
  apiKeyId: principal.kind === 'apiKey' ? principal.apiKeyId : null,
});
