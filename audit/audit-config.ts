// The audit: slice of otq.yaml (log directory, checkpoint cadence, signing key, syslog shipping), composed by app/.
import { z } from 'zod';
import { hostName } from '../core/host-name.ts';

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

export type AuditConfig = z.infer<typeof auditConfigSchema>;
