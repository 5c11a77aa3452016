import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../../platform/settings/setting-entry';

export enum CharacteristicDataType {
  TEXT = 'TEXT',
  NUMBER = 'NUMBER',
  DATE = 'DATE',
  BOOLEAN = 'BOOLEAN',
  OPTION = 'OPTION',
}
registerEnumType(CharacteristicDataType, { name: 'CharacteristicDataType' });

@ObjectType({ description: 'A configurable, typed attribute of accounts (característica).' })
@Entity('characteristic_definitions')
@Index('characteristic_definitions_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class CharacteristicDefinition extends SettingEntry {
  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => CharacteristicDataType)
  @Column({ type: 'varchar', length: 16 })
  dataType: CharacteristicDataType;

  @Field(() => [String], { description: 'Allowed values of an OPTION characteristic.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  options: string[];

  @Field({ description: 'New accounts must have a value.' })
  @Column({ type: 'boolean', default: false })
  required: boolean;
}
