// The official JavaScript Azure SDKs (@azure/identity + @azure/keyvault-secrets) against the Entra and Key Vault
// emulators, configured only as a user would: the workload identity environment (AZURE_TENANT_ID, AZURE_CLIENT_ID,
// AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST), the vault URL, the CA via NODE_EXTRA_CA_CERTS, and the two
// documented switches for a loopback vault. Prints one JSON object; exits non-zero on any failure.
import { WorkloadIdentityCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";

const vaultUrl = process.env.SB_VAULT_URL;
const name = process.env.SB_SECRET;
const credential = new WorkloadIdentityCredential({ disableInstanceDiscovery: true });
const client = new SecretClient(vaultUrl, credential, {
  disableChallengeResourceVerification: true,
  retryOptions: { maxRetries: 0 },
});

const latest = await client.getSecret(name);
const versions = [];
for await (const properties of client.listPropertiesOfSecretVersions(name)) {
  versions.push(properties.version);
}
const oldest = await client.getSecret(name, { version: versions[0] });
const set = await client.setSecret(name, "set-by-node", { contentType: "text/plain" });
const afterSet = await client.getSecret(name);

console.log(JSON.stringify({
  latest: latest.value,
  latestVersion: latest.properties.version,
  contentType: latest.properties.contentType ?? null,
  versions,
  oldest: oldest.value,
  setVersion: set.properties.version,
  afterSet: afterSet.value,
  afterSetContentType: afterSet.properties.contentType ?? null,
}));
