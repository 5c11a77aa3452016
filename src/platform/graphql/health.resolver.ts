import { Query, Resolver } from 'type-graphql';
import { Public } from '../auth/guard';

@Resolver()
export class HealthResolver {
  @Public()
  @Query(() => String, { description: 'Public (no credentials). The server\'s version; a cheap liveness probe over GraphQL.' })
  serverVersion(): string {
    return process.env.npm_package_version ?? '0.1.0';
  }
}
