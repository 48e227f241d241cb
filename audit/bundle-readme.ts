// The README of an evidence bundle: what each file is, and how a third party re-checks it with standard tools.
import type { Checkpoint } from './checkpoint-note.ts';

/** README.md text for a bundle of `count` records proven against `heads` (one per chain). */
export function bundleReadme(selection: string, count: number, heads: readonly Checkpoint[], leftOut: number): string {
  const signed = heads.map((h) => `- chain ${h.chain}: signed head of size ${h.size}, signed ${h.time} by key ${h.keyId}`).join('\n');
  const left =
    leftOut > 0
      ? `\n${leftOut} matching record(s) were written after the newest signed head of their chain and are not in this bundle: export again.\n`
      : '';
  return `# otq evidence bundle

${count} audit records (${selection}), exported from an otq evidence log. Each is proven against the newest signed
tree head of its chain (one chain per writer of the log: the server, a command line call beside it, a second instance):

${signed || '- (no records)'}
${left}
| file | what |
| --- | --- |
| records.jsonl | the records, byte for byte as stored (one RFC 8785 canonical JSON object per line; \`chain\` and \`seq\` identify each) |
| proofs.jsonl | per record: its RFC 9162 inclusion proof (audit path) in the tree of its chain's head |
| heads/CHAIN.txt | the Ed25519-signed tree head (signed-note format) of each chain the proofs are against |
| rotations.jsonl | the log's key rotation records: each announces a new key in a statement signed by the old one |
| audit-pubkey.pem | the log's first (anchor) public key; compare it with the copy you received out of band |
| keys/KEYID.pem | the anchor and every key announced from it, by signed-note key id |
| verify-report.json | the result of \`otq audit verify\` over the whole log at export time |
| verify-bundle.mjs | a dependency-free script that checks all of the above |
| SHA256SUMS | checksums of the files |

## Re-verify (third party)

1. Files unchanged: \`sha256sum -c SHA256SUMS\`
2. Everything at once (Node 18+ only, no packages): \`node verify-bundle.mjs .\` prints \`bundle intact: ...\` and exits 0.
3. Each head's signature with OpenSSL alone (the key id is the first 4 bytes of the signature blob):

\`\`\`sh
for head in heads/*.txt; do
  sed '/^$/,$d' "$head" > body.txt                                              # the signed text
  tail -n 1 "$head" | cut -d' ' -f3 | base64 -d > blob.bin
  tail -c 64 blob.bin > sig.bin                                                  # drop the 4-byte key id
  keyid=$(head -c 4 blob.bin | od -An -tx1 | tr -d ' \\n')
  openssl pkeyutl -verify -pubin -inkey "keys/$keyid.pem" -rawin -in body.txt -sigfile sig.bin
done
\`\`\`

   A key other than audit-pubkey.pem is trusted through rotations.jsonl: \`jq -r .payload.statement\` gives the text the old
   key signed (\`printf '%s'\` it to a file), \`jq -r .payload.signature | base64 -d\` the signature, checked with the old key as above.

4. One record's hash with jq (SHA-256 of the record without \`hash\`, keys sorted, no whitespace; equal to RFC 8785 for
   records with plain numbers and ASCII text, which otq records are):

\`\`\`sh
head -n 1 records.jsonl | jq -cjS 'del(.hash)' | sha256sum   # compare with: head -n 1 records.jsonl | jq -r .hash
\`\`\`

The Merkle tree is RFC 6962: leaf = SHA-256(0x00 || 32 bytes of the record hash), node = SHA-256(0x01 || left || right).
`;
}
