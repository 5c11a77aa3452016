import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A kind of account-to-account link (parent, partner, guarantor...), configured by admins.' })
@Entity('relationship_types')
@Index('relationship_types_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class RelationshipType {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: 'Label seen from the "from" account, e.g. "parent of".' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Label seen from the "to" account, e.g. "subsidiary of".' })
  @Column({ type: 'text', nullable: true })
  inverseName: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt: Date | null;
}
