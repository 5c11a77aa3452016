'use strict';
/**
 * The baseline of `npm run bench:graphql`: the physical limit of this stack (Node + pg + PostgreSQL). A bare
 * node:http server with a pg Pool that answers each scenario with ONE hand-written SQL statement building the
 * final JSON in PostgreSQL (json_build_object / json_agg / correlated sub-selects), and sends it as it comes.
 * Plain CommonJS so no TypeScript loader sits in its path.
 *
 *   POST /scenario/<name>   body: the scenario's GraphQL variables (JSON) → the JSON the GraphQL `data` must equal
 *   GET  /stats             { statements, requests }: SQL statements sent and scenario requests answered so far
 *
 * Authorization matches the workspace-wide API key the GraphQL side uses: every statement is bounded by
 * BASELINE_WORKSPACE_ID and nothing else. Environment: DATABASE_URL, BASELINE_WORKSPACE_ID, PORT, DB_POOL_SIZE.
 */
const http = require('node:http');
const { Pool } = require('pg');

const { DATABASE_URL, BASELINE_WORKSPACE_ID: WORKSPACE, PORT = '0', DB_POOL_SIZE = '10' } = process.env;
if (!DATABASE_URL || !WORKSPACE) {
  process.stderr.write('baseline-server needs DATABASE_URL and BASELINE_WORKSPACE_ID\n');
  process.exit(78);
}
const poolSize = Number(DB_POOL_SIZE);
const pool = new Pool({ connectionString: DATABASE_URL, max: poolSize, application_name: 'vinculo-baseline' });
// The app's search runs with enable_seqscan off (SET LOCAL in its transaction); here that is a session setting
// of a pool of its own, so search stays one statement and other scenarios keep the default planner.
const searchPool = new Pool({ connectionString: DATABASE_URL, max: poolSize, options: '-c enable_seqscan=off', application_name: 'vinculo-baseline' });

/** Account.primaryOwner { name email } of the account row `p`. */
const PRIMARY_OWNER = `(SELECT json_build_object(
    'name', CASE WHEN m.status = 'INVITED' AND m.invited_name IS NOT NULL THEN m.invited_name ELSE u.name END,
    'email', u.email)
  FROM account_owners o
  JOIN memberships m ON m.id = o.membership_id AND m.workspace_id = o.workspace_id
  JOIN users u ON u.id = m.user_id
  WHERE o.workspace_id = $1 AND o.account_id = p.id AND o.is_primary)`;

/** Account.contacts (first 500 non-archived, by last name, first name, id) with `fields` of each contact `c`. */
const contactsOf = (fields) => `COALESCE((SELECT json_agg(json_build_object(${fields}) ORDER BY c.last_name, c.first_name, c.id)
  FROM (SELECT * FROM contacts c WHERE c.workspace_id = $1 AND c.account_id = p.id AND c.archived_at IS NULL
        ORDER BY c.last_name, c.first_name, c.id LIMIT 500) c), '[]')`;

/** Account.interests { kind area { name } }, by area name. */
const INTERESTS = `COALESCE((SELECT json_agg(json_build_object('kind', ai.kind, 'area', json_build_object('name', ia.name)) ORDER BY lower(ia.name), ia.id)
  FROM account_interests ai JOIN interest_areas ia ON ia.id = ai.area_id AND ia.workspace_id = ai.workspace_id
  WHERE ai.workspace_id = $1 AND ai.account_id = p.id), '[]')`;

/** The node of the account pages (fragment AccountPageNode in scripts/bench/scenarios.ts). */
const ACCOUNT_NODE = `json_build_object('id', p.id, 'name', p.name, 'primaryOwner', ${PRIMARY_OWNER},
  'contacts', ${contactsOf(`'id', c.id, 'firstName', c.first_name, 'lastName', c.last_name, 'emails', c.emails`)},
  'interests', ${INTERESTS})`;

/** `accounts(first: $2, filter, orderBy: NAME)` with totalCount and hasNextPage; `where` filters accounts `a`. */
const accountPage = (where) => `WITH matching AS (SELECT a.id, a.name FROM accounts a WHERE a.workspace_id = $1 AND a.archived_at IS NULL ${where}),
  page AS (SELECT * FROM matching ORDER BY name, id LIMIT $2 + 1)
SELECT json_build_object('accounts', json_build_object(
  'totalCount', (SELECT count(*) FROM matching),
  'pageInfo', json_build_object('hasNextPage', (SELECT count(*) > $2 FROM page)),
  'nodes', COALESCE((SELECT json_agg(${ACCOUNT_NODE} ORDER BY p.name, p.id) FROM (SELECT * FROM page ORDER BY name, id LIMIT $2) p), '[]')))::text AS data`;

/** Search relevance, as the app's search.service.ts computes it (float8, so ties order as they do there). */
const score = (alias, title, boost) => `CAST(GREATEST(similarity(${alias}.search_text, $2), word_similarity($2, ${alias}.search_text))
  + 0.5 * word_similarity($2, ${title}) + ${boost} AS float8)`;
const CONTACT_FULL_NAME = `lower(btrim(c.first_name || ' ' || c.last_name))`;

/**
 * search(query) for a plain-word query (the benchmark's): the app's ILIKE + word-similarity match and its
 * boosts for exact ($2 = the folded query), prefix ($3 = 'q%') and word-prefix ($4 = '% q%') matches.
 * Phone- and tax-id-shaped queries are not handled here.
 */
const SEARCH = `WITH hits AS (
  (SELECT 'ACCOUNT' AS type, a.id, a.name AS title, NULLIF(concat_ws(' · ', NULLIF(a.legal_name, ''), NULLIF(a.tax_id, '')), '') AS subtitle,
          ${score('a', 'lower(a.name)', `CASE WHEN lower(a.name) = $2 OR $2 = ANY(a.emails) THEN 1
            WHEN lower(a.name) LIKE $3 OR EXISTS (SELECT 1 FROM unnest(a.emails) e WHERE e LIKE $3) THEN 0.5
            WHEN lower(a.name) LIKE $4 THEN 0.25 ELSE 0 END`)} AS score
     FROM accounts a
    WHERE a.workspace_id = $1 AND a.archived_at IS NULL AND (a.search_text ILIKE $5 OR a.search_text %> $2)
    ORDER BY score DESC, a.id LIMIT $6)
  UNION ALL
  (SELECT 'CONTACT', c.id, btrim(c.first_name || ' ' || c.last_name),
          COALESCE(NULLIF(concat_ws(' · ', NULLIF(sa.name, ''), NULLIF(c.position, '')), ''), c.emails[1]),
          ${score('c', CONTACT_FULL_NAME, `CASE WHEN ${CONTACT_FULL_NAME} = $2 OR $2 = ANY(c.emails) THEN 1
            WHEN ${CONTACT_FULL_NAME} LIKE $3 OR lower(c.last_name) LIKE $3 OR EXISTS (SELECT 1 FROM unnest(c.emails) e WHERE e LIKE $3) THEN 0.5
            WHEN ${CONTACT_FULL_NAME} LIKE $4 THEN 0.25 ELSE 0 END`)}
     FROM contacts c LEFT JOIN accounts sa ON sa.id = c.account_id
    WHERE c.workspace_id = $1 AND c.archived_at IS NULL AND (c.account_id IS NULL OR sa.archived_at IS NULL)
      AND (c.search_text ILIKE $5 OR c.search_text %> $2)
    ORDER BY 5 DESC, c.id LIMIT $6))
SELECT json_build_object('search', COALESCE((SELECT json_agg(json_build_object('type', h.type, 'id', h.id, 'title', h.title,
  'subtitle', h.subtitle, 'score', h.score) ORDER BY h.score DESC, h.id) FROM (SELECT * FROM hits ORDER BY score DESC, id LIMIT $6) h), '[]'))::text AS data`;

const escapeLike = (text) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** The app's query normalisation for plain text (foldForSearch: lower case, no diacritics; spaces collapsed). */
const foldQuery = (query) => query.trim().normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ');

/** Each scenario: (variables) → [pool, SQL, parameters]. */
const SCENARIOS = {
  accountPage: (v) => [pool, accountPage(''), [WORKSPACE, v.first ?? 50]],
  filteredPage: (v) => [pool, accountPage(`AND a.type = ANY($3) AND (a.billing_address ->> 'city') = $4`), [WORKSPACE, v.first ?? 50, v.types, v.city]],
  accountWithContacts: (v) => [
    pool,
    `SELECT json_build_object('account', (SELECT json_build_object('id', p.id, 'name', p.name, 'type', p.type,
       'contacts', ${contactsOf(`'id', c.id, 'firstName', c.first_name, 'lastName', c.last_name, 'position', c.position, 'emails', c.emails, 'phones', c.phones`)})
     FROM accounts p WHERE p.workspace_id = $1 AND p.id = $2))::text AS data`,
    [WORKSPACE, v.id],
  ],
  contactsPage: (v) => [
    pool,
    `WITH matching AS (SELECT c.id, c.first_name, c.last_name FROM contacts c WHERE c.workspace_id = $1 AND c.archived_at IS NULL),
       page AS (SELECT * FROM matching ORDER BY last_name, first_name, id LIMIT $2 + 1)
     SELECT json_build_object('contacts', json_build_object(
       'totalCount', (SELECT count(*) FROM matching),
       'pageInfo', json_build_object('hasNextPage', (SELECT count(*) > $2 FROM page)),
       'nodes', COALESCE((SELECT json_agg(json_build_object('id', c.id, 'firstName', c.first_name, 'lastName', c.last_name,
           'position', c.position, 'emails', c.emails,
           'account', (SELECT json_build_object('id', a.id, 'name', a.name) FROM accounts a WHERE a.workspace_id = $1 AND a.id = c.account_id))
         ORDER BY c.last_name, c.first_name, c.id)
         FROM (SELECT c.* FROM (SELECT * FROM page ORDER BY last_name, first_name, id LIMIT $2) p JOIN contacts c ON c.id = p.id) c), '[]')))::text AS data`,
    [WORKSPACE, v.first ?? 50],
  ],
  search: (v) => {
    const text = foldQuery(v.query);
    return [searchPool, SEARCH, [WORKSPACE, text, `${escapeLike(text)}%`, `% ${escapeLike(text)}%`, `%${escapeLike(text)}%`, v.first ?? 20]];
  },
};

let statements = 0;
let requests = 0;

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') return send(res, 200, JSON.stringify({ statements, requests }));
  const name = req.method === 'POST' && req.url.startsWith('/scenario/') ? req.url.slice('/scenario/'.length) : null;
  const scenario = name && Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : null;
  if (!scenario) return send(res, 404, '{"error":"no such scenario"}');
  res.once('close', () => (requests += 1)); // answered, or abandoned by the client: either way the work was done
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let variables;
    try {
      variables = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return send(res, 400, '{"error":"body is not JSON"}');
    }
    const [target, sql, params] = scenario(variables);
    statements += 1;
    // The JSON comes back as text (::text), so it is sent exactly as PostgreSQL built it, never parsed here.
    target.query({ text: sql, values: params }).then(
      (result) => send(res, 200, result.rows[0].data),
      (error) => {
        process.stderr.write(`baseline ${name}: ${error.message}\n`);
        send(res, 500, JSON.stringify({ error: error.message }));
      },
    );
  });
});

server.listen(Number(PORT), '127.0.0.1', () => {
  process.stdout.write(`baseline listening on http://127.0.0.1:${server.address().port}\n`);
});
const stop = () => server.close(() => Promise.all([pool.end(), searchPool.end()]).then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
