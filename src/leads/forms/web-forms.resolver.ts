import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context/context';
import { settingsListResolver } from '../../platform/settings/settings-list.resolver';
import { LeadSource } from '../lead-settings.entity';
import { WebForm } from './web-form.entity';
import { webForms } from './web-forms.service';

/** `webForms`, `createWebForm`, `updateWebForm`, `archiveWebForm` (the settings list's), plus the form's links. */
@Resolver(() => WebForm)
export class WebFormsResolver extends settingsListResolver(webForms, (services) => services.webForms) {
  @FieldResolver(() => LeadSource, { description: 'The source its leads get.' })
  source(@Root() form: WebForm, @Ctx() context: RequestContext): Promise<LeadSource | null> {
    return context.loaders.leads.source.load(form.sourceId);
  }

  @FieldResolver(() => String, { description: 'Where pages post it, relative to this server: `/forms/{publicKey}` (urlencoded or JSON).' })
  postPath(@Root() form: WebForm): string {
    return `/forms/${form.publicKey}`;
  }

  @FieldResolver(() => String, {
    description: 'Its widget script, relative to this server: `<script src="{server}/forms/{publicKey}/widget.js" async></script>` renders the form there.',
  })
  widgetPath(@Root() form: WebForm): string {
    return `/forms/${form.publicKey}/widget.js`;
  }
}
