import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { declareRecordType } from '../platform/records/record-types';

@ObjectType({ description: 'A tenant: every record belongs to exactly one workspace.' })
@Entity('workspaces')
export class Workspace {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'IANA time zone used for "today" and "overdue".' })
  @Column({ type: 'text', default: 'UTC' })
  timeZone: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country used to read phone numbers written without a country code.' })
  @Column({ type: 'varchar', length: 2, nullable: true })
  defaultCountry: string | null;

  @Field({ description: 'The label of the OTHER account type (the workspace\'s "fourth type").' })
  @Column({ type: 'text', default: 'Other' })
  otherAccountTypeLabel: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

// The workspace itself has a history (its settings).
declare module '../platform/records/record-types' {
  interface RecordTypes {
    WORKSPACE: 'WORKSPACE';
  }
}
declareRecordType('WORKSPACE');
