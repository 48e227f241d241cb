// The server: slice of otq.yaml (listen address, rate limit, public URL, auth), composed into the config schema by app/.
import { z } from 'zod';

export const serverConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    /** Per-principal limit on /api/ask and /api/sql: bursts of `capacity`, refilled at `refillPerSecond`. */
    rateLimit: z
      .object({ capacity: z.number().int().min(1), refillPerSecond: z.number().positive() })
      .strict()
      .optional(),
    /**
     * Reverse proxies (IP addresses or CIDR ranges) whose X-Forwarded-For header names the client in the audit log.
     * Without them the socket's peer address is recorded and X-Forwarded-For is ignored. `auth.proxy.trustedAddresses`
     * are trusted the same way.
     */
    trustedProxies: z.array(z.string().min(1)).default([]),
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

export type ServerConfig = z.infer<typeof serverConfigSchema>;
