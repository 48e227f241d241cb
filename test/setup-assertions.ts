// Every test must assert something a user would notice: a test that makes no assertion fails.
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
