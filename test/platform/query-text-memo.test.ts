import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Account } from '../../src/accounts/account.entity';
import { Contact } from '../../src/accounts/contact.entity';
import { memoizeSelectQueryText } from '../../src/platform/db/query-text-memo';
import { startTestApp, type TestApp } from '../support/test-app';

// Select texts are memoized on what they are built from (src/platform/db/query-text-memo.ts). Under tests every
// memoized text is also checked against a fresh build; these specs turn that check off and ask whether a query that
// differs in any one input gets its own text, never a look-alike's.
describe('memoized select texts', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.db;
    memoizeSelectQueryText({ verify: false });
  });
  afterAll(async () => {
    memoizeSelectQueryText({ verify: true });
    await t.stop();
  });

  const accounts = (): SelectQueryBuilder<Account> => db.getRepository(Account).createQueryBuilder('a').where('a.workspace_id = :ws', { ws: 'x' });
  const contacts = (): SelectQueryBuilder<Contact> => db.getRepository(Contact).createQueryBuilder('c').where('c.workspace_id = :ws', { ws: 'x' });
  const variants: Record<string, () => SelectQueryBuilder<Account> | SelectQueryBuilder<Contact>> = {
    plain: () => accounts(),
    anotherCondition: () => accounts().andWhere('a.archived_at IS NULL'),
    orCondition: () => accounts().orWhere('a.archived_at IS NULL'),
    limit: () => accounts().limit(5),
    anotherLimit: () => accounts().limit(6),
    offset: () => accounts().offset(5),
    selectedColumn: () => accounts().select('a.name', 'n'),
    anotherAlias: () => accounts().select('a.name', 'm'),
    order: () => accounts().orderBy('a.name', 'ASC'),
    orderDescending: () => accounts().orderBy('a.name', 'DESC'),
    join: () => contacts().innerJoin('c.account', 'a'),
    leftJoin: () => contacts().leftJoin('c.account', 'a'),
    joinCondition: () => contacts().innerJoin('c.account', 'a', 'a.archived_at IS NULL'),
    joinAndSelect: () => contacts().innerJoinAndSelect('c.account', 'a'),
    lock: () => accounts().setLock('pessimistic_write'),
    distinct: () => accounts().distinct(true),
    groupBy: () => accounts().select('a.type', 't').groupBy('a.type'),
  };

  it('a query differing in any one input (condition, limit, offset, select, order, join, lock, distinct, group) gets its own text, each time the same', () => {
    const first = Object.fromEntries(Object.entries(variants).map(([name, build]) => [name, build().getQuery()]));
    const same = Object.keys(first).filter((name) => Object.keys(first).some((other) => other !== name && first[other] === first[name]));
    expect(same).toEqual([]);
    for (const [name, build] of Object.entries(variants)) expect(build().getQuery()).toBe(first[name]);
  });

  it('the same shape over another entity or alias is another text', () => {
    const over = (alias: string) => db.getRepository(Contact).createQueryBuilder(alias).where(`${alias}.workspace_id = :ws`, { ws: 'x' }).getQuery();
    expect(over('c')).not.toBe(over('k'));
    expect(over('a')).not.toBe(accounts().getQuery());
  });

  it('parameter values are not part of the text: another principal\'s values reuse it, and travel as parameters', () => {
    const mine = accounts().setParameters({ ws: 'mine' });
    const theirs = accounts().setParameters({ ws: 'theirs' });
    expect(mine.getQuery()).toBe(theirs.getQuery());
    expect(mine.getQueryAndParameters()[1]).toEqual(['mine']);
    expect(theirs.getQueryAndParameters()[1]).toEqual(['theirs']);
  });
});
