import { Connection } from '../platform/pagination/connection';
import { FollowUp } from './follow-up.entity';

export const FollowUpConnection = Connection(FollowUp, 'FollowUp');
export type FollowUpConnection = InstanceType<typeof FollowUpConnection>;
