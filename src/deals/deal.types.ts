import { Connection } from '../platform/pagination/connection';
import { Deal } from './deal.entity';

export const DealConnection = Connection(Deal, 'Deal');
export type DealConnection = InstanceType<typeof DealConnection>;
