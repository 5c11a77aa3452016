import type { Principal } from '../../src/platform/auth/principal';
import { PrincipalCache, type PrincipalCacheBus } from '../../src/platform/auth/principal-cache';
import type { PrincipalsChangedEvent } from '../../src/platform/auth/principals.topic';
import { AccessScope, Role } from '../../src/platform/auth/roles';
import { sha256 } from '../../src/platform/auth/secrets';
import type { TopicDelivery, TopicListener } from '../../src/platform/events/event-bus';
import type { Topic } from '../../src/platform/events/topic';

/**
 * The cache's own rules, on a bus whose state the test sets (the HTTP behaviour, on real instances and a real
 * bus, is in test/identity/principal-cache.test.ts).
 */
class BusState implements PrincipalCacheBus {
  isListening = true;
  connections = 1;
  private readonly listeners: TopicListener<PrincipalsChangedEvent>[] = [];
  listen<TEvent>(_topic: Topic<TEvent>, listener: TopicListener<TEvent>): () => void {
    this.listeners.push(listener as unknown as TopicListener<PrincipalsChangedEvent>);
    return () => undefined;
  }
  async deliver(delivery: TopicDelivery<PrincipalsChangedEvent>): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener(delivery)));
  }
  /** The listening connection was lost and made again. */
  reconnect(): void {
    this.connections += 1;
  }
}

const W = 'workspace-1';
const member = (membershipId: string, workspaceId = W): Principal => ({
  kind: 'member',
  workspaceId,
  membershipId,
  userId: `user-of-${membershipId}`,
  role: Role.MEMBER,
  accessScope: AccessScope.ALL,
});
const apiKey = (apiKeyId: string): Principal => ({ kind: 'apiKey', workspaceId: W, apiKeyId, scopes: new Set(['accounts:read']) });

describe('PrincipalCache', () => {
  let bus: BusState;
  let now: number;
  const cacheOf = (ttlSeconds = 10, maxEntries?: number) => new PrincipalCache({ ttlSeconds, maxEntries, events: bus, now: () => now });
  /** Looks the credential up as AuthService does: the cached principal, or `principal` stored after a look-up. */
  const authenticate = (cache: PrincipalCache, credential: string, principal: Principal, validUntil: Date | null = null) => {
    const lookup = cache.begin(credential);
    if (!lookup) return { cached: false, principal };
    const hit = cache.cached(lookup);
    if (hit) return { cached: true, principal: hit };
    cache.store(lookup, principal, validUntil);
    return { cached: false, principal };
  };
  beforeEach(() => {
    bus = new BusState();
    now = 1_000_000;
  });

  it('serves a stored principal until its TTL, then looks the credential up again', () => {
    const cache = cacheOf(10);
    expect(authenticate(cache, 'token-a', member('m1')).cached).toBe(false);
    now += 9_999;
    expect(authenticate(cache, 'token-a', member('m1'))).toMatchObject({ cached: true, principal: { membershipId: 'm1' } });
    now += 1;
    expect(authenticate(cache, 'token-a', member('m1')).cached).toBe(false);
  });

  it('never serves past the credential\'s own expiry, and stores nothing already expired', () => {
    const cache = cacheOf(10);
    authenticate(cache, 'token-a', member('m1'), new Date(now + 2_000));
    now += 1_999;
    expect(authenticate(cache, 'token-a', member('m1')).cached).toBe(true);
    now += 1;
    expect(authenticate(cache, 'token-a', member('m1'), new Date(now)).cached).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('forgets exactly the changed members and keys, in the change\'s workspace', () => {
    const cache = cacheOf();
    authenticate(cache, 'm1-phone', member('m1'));
    authenticate(cache, 'm1-laptop', member('m1'));
    authenticate(cache, 'm2', member('m2'));
    authenticate(cache, 'other-workspace-m1', member('m1', 'workspace-2'));
    authenticate(cache, 'k1', apiKey('k1'));
    authenticate(cache, 'k2', apiKey('k2'));
    cache.forget({ workspaceId: W, membershipIds: ['m1'], apiKeyIds: ['k1'] });
    expect(['m1-phone', 'm1-laptop', 'm2', 'other-workspace-m1', 'k1', 'k2'].map((c) => authenticate(cache, c, member('x')).cached)).toEqual([
      false,
      false,
      true,
      true,
      false,
      true,
    ]);
  });

  it('forgets on a principals event from the bus, and everything on a resync', async () => {
    const cache = cacheOf();
    authenticate(cache, 'k1', apiKey('k1'));
    authenticate(cache, 'k2', apiKey('k2'));
    await bus.deliver({ resync: false, event: { workspaceId: W, membershipIds: [], apiKeyIds: ['k1'] } });
    expect(authenticate(cache, 'k2', apiKey('k2')).cached).toBe(true);
    expect(cache.size).toBe(1);
    await bus.deliver({ resync: true });
    expect(cache.size).toBe(0);
  });

  it('does not keep a look-up that began before a change was seen (the row it read may predate the change)', () => {
    const cache = cacheOf();
    const lookup = cache.begin('k1');
    if (!lookup) throw new Error('the cache is on');
    cache.forget({ workspaceId: W, membershipIds: [], apiKeyIds: ['k1'] }); // the revocation, seen mid look-up
    cache.store(lookup, apiKey('k1'), null);
    expect(cache.cached(lookup)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('serves nothing while the bus is not listening, and nothing cached before a reconnection', () => {
    const cache = cacheOf();
    authenticate(cache, 'k1', apiKey('k1'));
    bus.isListening = false;
    expect(authenticate(cache, 'k1', apiKey('k1')).cached).toBe(false);
    expect(authenticate(cache, 'k2', apiKey('k2')).cached).toBe(false); // nor stores while down
    bus.isListening = true;
    expect(authenticate(cache, 'k2', apiKey('k2')).cached).toBe(false);

    authenticate(cache, 'k3', apiKey('k3'));
    expect(authenticate(cache, 'k3', apiKey('k3')).cached).toBe(true);
    bus.reconnect(); // notifications may have been missed meanwhile, even before the resync delivery arrives
    expect(authenticate(cache, 'k3', apiKey('k3')).cached).toBe(false);
    expect(authenticate(cache, 'k3', apiKey('k3')).cached).toBe(true);
  });

  it('does not keep a look-up that began before a reconnection', () => {
    const cache = cacheOf();
    const lookup = cache.begin('k1');
    if (!lookup) throw new Error('the cache is on');
    bus.reconnect();
    cache.store(lookup, apiKey('k1'), null);
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries credentials, dropping the oldest stored', () => {
    const cache = cacheOf(10, 3);
    for (const credential of ['a', 'b', 'c', 'd']) authenticate(cache, credential, apiKey(credential));
    expect(cache.size).toBe(3);
    expect(['b', 'c', 'd'].map((c) => authenticate(cache, c, apiKey(c)).cached)).toEqual([true, true, true]);
    expect(authenticate(cache, 'a', apiKey('a')).cached).toBe(false); // stored again, so 'b' goes
    expect(authenticate(cache, 'b', apiKey('b')).cached).toBe(false);
  });

  it('keys entries by a keyed digest of the credential, neither the credential nor its stored hash', () => {
    const secret = 'vk_abcdefgh_secret-part';
    const key = cacheOf().begin(secret)?.key;
    expect(key).toBeDefined();
    expect(key).not.toContain(secret);
    expect(key).not.toContain('secret-part');
    expect(key).not.toBe(sha256(secret));
    expect(cacheOf().begin(secret)?.key).not.toBe(key); // each instance has a key of its own
  });

  it('is off with a TTL of 0, and without a bus', () => {
    expect(cacheOf(0).begin('k1')).toBeNull();
    expect(new PrincipalCache({ ttlSeconds: 10 }).begin('k1')).toBeNull();
    expect(cacheOf(0).enabled).toBe(false);
  });
});
