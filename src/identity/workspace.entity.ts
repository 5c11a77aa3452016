import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { declareRecordType } from '../platform/records/record-types';

@ObjectType({ description: 'A tenant: every record belongs to exactly one workspace.' })
@Entity('workspaces')
export class Workspace {
  @Field(() => ID, { description: 'The workspace\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'The workspace\'s display name.' })
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'IANA time zone (e.g. Europe/Madrid) used for "today" and "overdue"; default UTC.' })
  @Column({ type: 'text', default: 'UTC' })
  timeZone: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country used to read phone numbers written without a country code.' })
  @Column({ type: 'varchar', length: 2, nullable: true })
  defaultCountry: string | null;

  @Field({ description: 'The label of the OTHER account type (the workspace\'s "fourth type"); default "Other".' })
  @Column({ type: 'text', default: 'Other' })
  otherAccountTypeLabel: string;

  @Field(() => Int, { description: 'Hours postponeFollowUp moves a follow-up by when no hours are given (1 to 8760); default 24.' })
  @Column({ type: 'integer', default: 24 })
  defaultPostponeHours: number;

  @Field({ description: 'Start of the working day, local time "HH:MM" (24 h) in the workspace\'s time zone; default "09:00".' })
  @Column({ type: 'varchar', length: 5, default: '09:00' })
  workingHoursStart: string;

  @Field({ description: 'End of the working day, local time "HH:MM" (24 h), after workingHoursStart; default "18:00".' })
  @Column({ type: 'varchar', length: 5, default: '18:00' })
  workingHoursEnd: string;

  @Field(() => [Int], { description: 'Working days, ISO weekdays (1 = Monday ... 7 = Sunday), ascending; default Monday to Friday.' })
  @Column({ type: 'smallint', array: true, default: () => "'{1,2,3,4,5}'" })
  workingDays: number[];

  @Field({ description: 'When the workspace was created (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

// The workspace itself has a history (its settings).
declare module '../platform/records/record-types' {
  interface RecordTypes {
    WORKSPACE: 'WORKSPACE';
  }
}
declareRecordType('WORKSPACE', 'The workspace itself (its settings history).');
