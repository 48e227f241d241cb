// A host name as config files give it (model servers, webhooks, syslog): zod schema shared by the config slices.
import { z } from 'zod';

/** A DNS name or IP literal, at most 253 characters. */
export const hostName = z.string().min(1).max(253);
