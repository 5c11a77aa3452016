import { Connection } from '../platform/pagination/connection';
import { Product } from './product.entity';

export const ProductConnection = Connection(Product, 'Product');
export type ProductConnection = InstanceType<typeof ProductConnection>;
