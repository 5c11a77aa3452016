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
registerEnumType(CharacteristicDataType, {
  name: 'CharacteristicDataType',
  description: 'The type of a characteristic\'s values; the value field of the same name carries it.',
  valuesConfig: {
    TEXT: { description: 'Free text (value field `text`), at most 2,000 characters.' },
    NUMBER: { description: 'An exact decimal number (value field `number`, a Decimal string).' },
    DATE: { description: 'A calendar date (value field `date`, YYYY-MM-DD).' },
    BOOLEAN: { description: 'Yes or no (value field `boolean`).' },
    OPTION: { description: 'One of the definition\'s options (value field `option`).' },
  },
});

@ObjectType({ description: 'A configurable, typed attribute of accounts (característica).' })
@Entity('characteristic_definitions')
@Index('characteristic_definitions_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class CharacteristicDefinition extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => CharacteristicDataType, { description: 'The type of its values.' })
  @Column({ type: 'varchar', length: 16 })
  dataType: CharacteristicDataType;

  @Field(() => [String], { description: 'Allowed values of an OPTION characteristic, in the order given; empty for other types.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  options: string[];

  @Field({ description: 'Whether new accounts must have a value (and a value cannot be removed).' })
  @Column({ type: 'boolean', default: false })
  required: boolean;
}
