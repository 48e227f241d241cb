// The one zod schema of otq.yaml. Slices are defined beside the parts that use them and composed here.
import { z } from 'zod';
import { sourceConfigSchema } from '../../connectors/source-config.ts';
import { botsConfigSchema } from '../../ui/bots/bot-config.ts';
import { destinationUrls, reportDefinitionSchema } from '../../ui/reports/report-config.ts';

const hostName = z.string().min(1).max(253);

export const serverConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    /** Per-principal limit on /api/ask and /api/sql: bursts of `capacity`, refilled at `refillPerSecond`. */
    rateLimit: z
      .object({ capacity: z.number().int().min(1), refillPerSecond: z.number().positive() })
      .strict()
      .optional(),
    /** Public base URL used in links (bots, reports), e.g. https://otq.plant.local */
    publicUrl: z.string().url().optional(),
    auth: z
      .object({
        /** sha256 hex of API tokens -> principal id (created with `otq token create`). */
        tokens: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), user: z.string().min(1) }).strict()).default([]),
        proxy: z
          .object({
            header: z.string().min(1).default('x-forwarded-user'),
            trustedAddresses: z.array(z.string().min(1)).min(1),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const userConfigSchema = z
  .object({
    roles: z.array(z.string().min(1)).min(1),
    displayName: z.string().optional(),
  })
  .strict();

export const auditConfigSchema = z
  .object({
    dir: z.string().default('.otq/audit'),
    checkpointEvery: z.number().int().min(1).default(1000),
    checkpointIntervalMs: z.number().int().min(1000).default(3_600_000),
    keyFile: z.string().optional().describe('Ed25519 private key (PEM); generated with mode 0600 when absent'),
    syslog: z
      .object({
        host: hostName,
        port: z.number().int().min(1).max(65535).default(514),
        protocol: z.enum(['udp', 'tcp']).default('udp'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const modelConfigSchema = z
  .object({
    provider: z.enum(['none', 'llama-cpp', 'openai-compatible']).default('none'),
    path: z.string().optional(),
    uri: z.string().optional(),
    baseUrl: z.string().url().optional(),
    name: z.string().optional(),
    apiKeyEnv: z.string().optional(),
    allowedHosts: z.array(hostName).default(['127.0.0.1', 'localhost', '::1']),
    gpu: z.union([z.enum(['auto', 'cuda', 'vulkan', 'metal']), z.literal(false)]).default('auto'),
    contextSize: z.number().int().min(512).optional(),
    sequences: z.number().int().min(1).max(16).default(2),
    /** CPU threads for llama.cpp (default: cores - 1); its threads busy-wait, so leave room for the server. */
    threads: z.number().int().min(1).max(256).optional(),
    maxTokens: z.number().int().min(16).default(512),
    chatWrapper: z.string().optional(),
    maxToolCalls: z.number().int().min(1).max(50).default(8),
    budgetMs: z.number().int().min(1000).default(120_000),
  })
  .strict();

export const shiftSchema = z
  .object({
    name: z.string().min(1),
    start: z.string().regex(/^\d{2}:\d{2}$/, 'HH:MM'),
    end: z.string().regex(/^\d{2}:\d{2}$/, 'HH:MM'),
  })
  .strict();

export const configSchema = z
  .object({
    /** The plant's time zone (IANA), used to resolve "yesterday" and for display. */
    timezone: z.string().default('Europe/Berlin'),
    server: serverConfigSchema.default({ host: '127.0.0.1', port: 8080 }),
    /** Principal used by the CLI and by loopback web requests without auth. */
    defaultUser: z.string().default('engineer'),
    users: z.record(z.string().min(1), userConfigSchema).default({}),
    sources: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'source names are lower_snake_case'), sourceConfigSchema),
    /** Extra policy files (YAML) loaded after the shipped defaults in policies/. */
    policies: z
      .object({ files: z.array(z.string()).default([]), shipped: z.boolean().default(true) })
      .strict()
      .default({ files: [], shipped: true }),
    audit: auditConfigSchema.default({ dir: '.otq/audit', checkpointEvery: 1000, checkpointIntervalMs: 3_600_000 }),
    model: modelConfigSchema.default({
      provider: 'none',
      allowedHosts: ['127.0.0.1', 'localhost', '::1'],
      gpu: 'auto',
      sequences: 2,
      maxTokens: 512,
      maxToolCalls: 8,
      budgetMs: 120_000,
    }),
    /** Hosts that otq may send anything to (model servers, webhooks, syslog). Loopback is implicit only for the model. */
    egress: z
      .object({ allowedHosts: z.array(hostName).default([]) })
      .strict()
      .default({ allowedHosts: [] }),
    /** Words users say -> names in the catalog, e.g. PS3: BPS03. */
    synonyms: z.record(z.string().min(1), z.string().min(1)).default({}),
    shifts: z.array(shiftSchema).default([]),
    bots: botsConfigSchema.optional(),
    reports: z.array(reportDefinitionSchema).default([]),
    /** Sample data generation for the embedded default. */
    samples: z
      .object({
        dir: z.string().default('data-samples/generated'),
        seed: z.number().int().default(42),
        days: z.number().int().min(1).max(400).default(90),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const allowed = new Set(config.egress.allowedHosts.map((h) => h.toLowerCase()));
    const check = (url: string | undefined, path: (string | number)[]) => {
      if (url === undefined) return;
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
      if (!allowed.has(host)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `host ${host} is not on egress.allowedHosts; otq sends nothing outside the allowlist (add it there if it is inside your perimeter)`,
        });
      }
    };
    config.reports.forEach((report, i) =>
      report.destinations.forEach((destination, j) =>
        destinationUrls(destination).forEach((url) => check(url, ['reports', i, 'destinations', j])),
      ),
    );
    check(config.bots?.teams?.deliveryUrl, ['bots', 'teams', 'deliveryUrl']);
    const users = new Set(Object.keys(config.users));
    config.reports.forEach((report, i) => {
      if (!users.has(report.user))
        ctx.addIssue({ code: 'custom', path: ['reports', i, 'user'], message: `unknown user "${report.user}"; add it under users:` });
      if (report.source !== undefined && !(report.source in config.sources))
        ctx.addIssue({ code: 'custom', path: ['reports', i, 'source'], message: `unknown source "${report.source}"` });
    });
    if (config.audit.syslog) check(`tcp://${config.audit.syslog.host}`, ['audit', 'syslog', 'host']);
  });

export type OtqConfig = z.infer<typeof configSchema>;
export type ServerConfig = z.infer<typeof serverConfigSchema>;
export type AuditConfig = z.infer<typeof auditConfigSchema>;
export type ModelConfig = z.infer<typeof modelConfigSchema>;
