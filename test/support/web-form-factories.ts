import { CreateWebFormDocument, type CreateWebFormInput } from '../generated/graphql';
import { expectData } from './factories';
import type { TestApp } from './test-app';

/** A contact form: name (PERSON_NAME, required), email (EMAIL, required), company, phone, topic (SELECT), message. */
export async function createContactForm(t: TestApp, adminToken: string, input: Partial<CreateWebFormInput> = {}) {
  return expectData(
    await t.gql(
      CreateWebFormDocument,
      {
        input: {
          name: `Contact ${Math.random().toString(36).slice(2, 8)}`,
          fields: [
            { name: 'name', label: 'Your name', type: 'TEXT', required: true, mapsTo: 'PERSON_NAME' },
            { name: 'email', label: 'Email', type: 'EMAIL', required: true, mapsTo: 'EMAIL' },
            { name: 'company', label: 'Company', type: 'TEXT', mapsTo: 'COMPANY_NAME' },
            { name: 'phone', label: 'Phone', type: 'PHONE', mapsTo: 'PHONE' },
            { name: 'topic', label: 'Topic', type: 'SELECT', options: ['Sales', 'Support'] },
            { name: 'message', label: 'Message', type: 'TEXTAREA' },
          ],
          allowedOrigins: ['https://www.example.com'],
          ...input,
        },
      },
      { token: adminToken },
    ),
  ).createWebForm;
}

export interface FormAnswer {
  status: number;
  headers: Headers;
  json: { ok?: boolean; message?: string; errors?: { message: string; extensions: Record<string, unknown> }[] } | null;
}

/** Posts a form over real HTTP, urlencoded unless `json`; redirects are not followed. */
export async function postForm(
  baseUrl: string,
  key: string,
  body: Record<string, string>,
  options: { json?: boolean; headers?: Record<string, string> } = {},
): Promise<FormAnswer> {
  const response = await fetch(`${baseUrl}/forms/${key}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': options.json ? 'application/json' : 'application/x-www-form-urlencoded', ...options.headers },
    body: options.json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
  const text = await response.text();
  let json: FormAnswer['json'] = null;
  try {
    json = JSON.parse(text) as FormAnswer['json'];
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json };
}
