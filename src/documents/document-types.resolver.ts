import { Resolver } from 'type-graphql';
import { settingsListResolver } from '../platform/settings/settings-list.resolver';
import { documentTypes } from './document-types.service';

@Resolver()
export class DocumentTypesResolver extends settingsListResolver(documentTypes, (services) => services.documentTypes) {}
