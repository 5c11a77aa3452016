import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; credentials are redacted wherever they appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'vinculo' },
    redact: {
      paths: [
        'password',
        '*.password',
        '*.*.password',
        'token',
        '*.token',
        'refreshToken',
        '*.refreshToken',
        'secret',
        '*.secret',
        'headers.authorization',
        'req.headers.authorization',
        'variables.input.password',
        'variables.input.refreshToken',
        'variables.password',
      ],
      censor: '[redacted]',
    },
  });
}
