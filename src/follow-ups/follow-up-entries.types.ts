import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../platform/pagination/connection';
import { FollowUpActivity, FollowUpObservation } from './follow-up-entries.entity';
import { FollowUpActivityDefinition, FollowUpState, FollowUpType } from './follow-up-settings.entity';

export const FollowUpObservationConnection = Connection(FollowUpObservation, 'FollowUpObservation');
export type FollowUpObservationConnection = InstanceType<typeof FollowUpObservationConnection>;
export const FollowUpActivityConnection = Connection(FollowUpActivity, 'FollowUpActivity');
export type FollowUpActivityConnection = InstanceType<typeof FollowUpActivityConnection>;

@ObjectType({ description: 'The workspace parameters follow-ups use (changed with updateWorkspaceSettings, ADMIN+).' })
export class FollowUpParameters {
  @Field({ description: 'The workspace\'s IANA time zone ("today" for members without their own).' }) timeZone: string;
  @Field(() => Int, { description: 'Hours postponeFollowUp moves a follow-up by when no hours are given.' }) defaultPostponeHours: number;
  @Field({ description: 'Start of the working day, "HH:MM" local time.' }) workingHoursStart: string;
  @Field({ description: 'End of the working day, "HH:MM" local time.' }) workingHoursEnd: string;
  @Field(() => [Int], { description: 'Working days, ISO weekdays (1 = Monday ... 7 = Sunday).' }) workingDays: number[];
}

@ObjectType({ description: 'Everything a follow-up form needs in one read: the settings lists and the workspace parameters.' })
export class FollowUpSettings {
  @Field(() => [FollowUpType], { description: 'Follow-up types, by name.' }) types: FollowUpType[];
  @Field(() => [FollowUpState], { description: 'Follow-up states, by name.' }) states: FollowUpState[];
  @Field(() => [FollowUpActivityDefinition], { description: 'Activity definitions, by name.' }) activityDefinitions: FollowUpActivityDefinition[];
  @Field(() => FollowUpParameters, { description: 'The workspace parameters.' }) parameters: FollowUpParameters;
}
