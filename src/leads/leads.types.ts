import { Connection } from '../platform/pagination/connection';
import { Lead } from './lead.entity';

export const LeadConnection = Connection(Lead, 'Lead');
export type LeadConnection = InstanceType<typeof LeadConnection>;
