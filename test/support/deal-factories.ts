import { randomBytes } from 'node:crypto';
import { CreateDealDocument, CreatePipelineDocument, type CreateDealInput, type DealRequirement, type PipelineStageInput, type StageKind } from '../generated/graphql';
import { expectData } from './factories';
import type { TestApp } from './test-app';

const suffix = (): string => randomBytes(4).toString('hex');

const stage = (name: string, kind: StageKind, probability: string, requiredFields: DealRequirement[] = []): PipelineStageInput => ({
  name,
  kind,
  probability,
  requiredFields,
});

/** Four OPEN stages (the third needs an amount and a close date, the fourth a contact and a product line), then Won and Lost. */
export const STANDARD_STAGES: PipelineStageInput[] = [
  stage('Lead in', 'OPEN', '10'),
  stage('Qualified', 'OPEN', '30'),
  stage('Proposal', 'OPEN', '60', ['AMOUNT', 'EXPECTED_CLOSE_DATE']),
  stage('Negotiation', 'OPEN', '80', ['CONTACT', 'PRODUCT_LINE']),
  stage('Won', 'WON', '100', ['AMOUNT']),
  stage('Lost', 'LOST', '0'),
];

/** Creates a pipeline as `adminToken` (ADMIN or above, or a deals:write key): STANDARD_STAGES unless told. */
export async function createPipeline(
  t: TestApp,
  adminToken: string,
  options: { strictOrder?: boolean; stages?: PipelineStageInput[]; name?: string; isDefault?: boolean } = {},
) {
  const input = { name: options.name ?? `Pipeline ${suffix()}`, strictOrder: options.strictOrder ?? false, isDefault: options.isDefault, stages: options.stages ?? STANDARD_STAGES };
  return expectData(await t.gql(CreatePipelineDocument, { input }, { token: adminToken })).createPipeline;
}

/** The stage of `pipeline` named `name` (fails the test when there is none). */
export function stageNamed(pipeline: { stages: { id: string; name: string }[] }, name: string): string {
  const found = pipeline.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage named ${name}`);
  return found.id;
}

/** Creates a deal as `token` on `accountId` (EUR, the default pipeline's first stage unless told). */
export async function createDeal(t: TestApp, token: string, accountId: string, overrides: Partial<CreateDealInput> = {}) {
  const input: CreateDealInput = { title: `Deal ${suffix()}`, accountId, currency: 'EUR', ...overrides };
  return expectData(await t.gql(CreateDealDocument, { input }, { token })).createDeal;
}
