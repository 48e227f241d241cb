// The one zod schema of otq.yaml. Slices are defined beside the parts that use them and composed here.
import { z } from 'zod';
import { auditConfigSchema } from '../../audit/audit-config.ts';
import { modelConfigSchema } from '../../agent/model/model-config.ts';
import { plannerConfigSchema } from '../../agent/planner/planner-config.ts';
import { hostName } from '../../core/host-name.ts';
import { timeZoneName } from '../../core/time-zone.ts';
import { sourceConfigSchema } from '../../connectors/source-config.ts';
import { serverConfigSchema } from '../../ui/server-config.ts';
import { botsConfigSchema } from '../../ui/bots/bot-config.ts';
import { destinationUrls, reportDefinitionSchema } from '../../ui/reports/report-config.ts';

export const userConfigSchema = z
  .object({
    roles: z.array(z.string().min(1)).min(1),
    displayName: z.string().optional(),
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
    timezone: timeZoneName.default('Europe/Berlin'),
    server: serverConfigSchema.default({ host: '127.0.0.1', port: 8080, trustedProxies: [] }),
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
      grounding: 'flag',
    }),
    /** Hosts that otq may send anything to (model servers, webhooks, syslog). Loopback is implicit only for the model. */
    egress: z
      .object({ allowedHosts: z.array(hostName).default([]) })
      .strict()
      .default({ allowedHosts: [] }),
    /** Words users say -> names in the catalog, e.g. PS3: BPS03. */
    synonyms: z.record(z.string().min(1), z.string().min(1)).default({}),
    planner: plannerConfigSchema,
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
