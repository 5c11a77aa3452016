import { AddCommentDocument, AttachDocumentDocument, ProductTimelineDocument, UpdateProductDocument } from '../generated/graphql';
import { createProduct } from '../support/catalog-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Products are a record kind of the registry: comments, documents and the timeline work on them. */
describe('products as records: comments, documents, timeline', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Records');
    other = await createWorkspace(t, 'Elsewhere');
  });
  afterAll(() => t.stop());

  it('a member comments on and attaches a document to a product; its timeline shows them with its own changes, newest first', async () => {
    const product = await createProduct(t, ws.manager.token);
    expectData(await t.gql(UpdateProductDocument, { input: { id: product.id, unitPrice: '12.50' } }, { token: ws.manager.token }));
    expectData(await t.gql(AddCommentDocument, { input: { recordId: product.id, body: 'Ask for a discount' } }, { token: ws.member.token }));
    const attached = expectData(
      await t.gql(AttachDocumentDocument, { input: { recordId: product.id, fileName: 'sheet.txt', contentBase64: Buffer.from('spec').toString('base64') } }, { token: ws.member.token }),
    ).attachDocument;
    expect(attached.id).toBeTruthy();
    const { timeline } = expectData(await t.gql(ProductTimelineDocument, { id: product.id }, { token: ws.member.token })).product;
    expect(timeline.nodes.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['PRODUCT_CREATED', 'PRODUCT_UPDATED', 'COMMENT_ADDED']));
    expect(timeline.nodes.every((entry) => entry.recordType === 'PRODUCT' && entry.recordId === product.id)).toBe(true);
    expect(timeline.nodes.at(-1)?.kind).toBe('PRODUCT_CREATED');
  });

  it('another workspace cannot comment on or attach to a product (NOT_FOUND) and nothing is written', async () => {
    const product = await createProduct(t, ws.manager.token);
    const comment = await t.gql(AddCommentDocument, { input: { recordId: product.id, body: 'x' } }, { token: other.owner.token });
    expect(comment.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const attach = await t.gql(AttachDocumentDocument, { input: { recordId: product.id, fileName: 'x.txt', contentBase64: 'eA==' } }, { token: other.owner.token });
    expect(attach.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const written = await t.app.db.query(
      "SELECT (SELECT count(*)::int FROM documents WHERE record_id = $1) AS documents, (SELECT count(*)::int FROM timeline_entries WHERE record_id = $1 AND kind <> 'PRODUCT_CREATED') AS entries",
      [product.id],
    );
    expect(written[0]).toEqual({ documents: 0, entries: 0 });
  });
});
