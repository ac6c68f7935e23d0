// node-vault 0.12.0 against the Vault emulator: kubernetes login (in a namespace too), KV v2/v1, a dynamic lease
// renewed past its max TTL and revoked, lookup-self/renew-self, and the refusals. Prints JSON.
import { readFileSync } from 'node:fs';
import nodeVault from 'node-vault';

const endpoint = process.env.VAULT_ADDR;
const jwt = readFileSync(process.env.SB_VAULT_JWT_FILE, 'utf8');
const irsa = readFileSync(process.env.SB_IRSA_JWT_FILE, 'utf8');
const out = {};

const refusal = async (call) => {
  try {
    await call();
    return 'no error';
  } catch (e) {
    return [e.response?.statusCode ?? null, e.message];
  }
};

// node-vault 0.12.0 renders its login path from the call's arguments only: without mount_point it posts to
// /v1/auth//login (its kubernetesPath option never reaches the template), which Vault refuses. Name the mount.
const mount_point = 'kubernetes';
const vault = nodeVault({ endpoint });
out.withoutMountPoint = await refusal(() => nodeVault({ endpoint }).kubernetesLogin({ role: 'sidecar', jwt }));
const login = await vault.kubernetesLogin({ role: 'sidecar', jwt, mount_point });
out.login = { tokenSet: vault.token === login.auth.client_token, leaseDuration: login.auth.lease_duration };
vault.token = login.auth.client_token;

await vault.write('secret/data/app/db', { data: { password: 'one' } });
const written = await vault.write('secret/data/app/db', { data: { password: 'two' } });
const latest = await vault.read('secret/data/app/db');
const first = await vault.read('secret/data/app/db?version=1');
const metadata = await vault.read('secret/metadata/app/db');
const listed = await vault.list('secret/metadata/app');
out.kv2 = {
  writtenVersion: written.data.version, latest: latest.data.data.password, first: first.data.data.password,
  currentVersion: metadata.data.current_version, keys: listed.data.keys,
  missing: await refusal(() => vault.read('secret/data/app/none')),
};

await vault.write('kv/app/db', { user: 'app', password: 'x' });
const kv1 = await vault.read('kv/app/db');
out.kv1 = { password: kv1.data.password, leaseDuration: kv1.lease_duration };

const creds = await vault.read('database/creds/readonly');
const renewed = await vault.renew({ lease_id: creds.lease_id, increment: 3600 });
await vault.revoke({ lease_id: creds.lease_id });
out.dynamic = {
  leaseId: creds.lease_id, renewable: creds.renewable, username: creds.data.username,
  renewedDuration: renewed.lease_duration, renewWarnings: renewed.warnings,
  renewAfterRevoke: await refusal(() => vault.renew({ lease_id: creds.lease_id })),
};

const self = await vault.tokenLookupSelf();
const renewSelf = await vault.tokenRenewSelf({ increment: '2h' });
out.token = { path: self.data.path, ttl: self.data.ttl, renewed: renewSelf.auth.lease_duration };

const ns = nodeVault({ endpoint, namespace: 'team-a/' });
ns.token = (await ns.kubernetesLogin({ role: 'sidecar', jwt, mount_point })).auth.client_token;
await ns.write('secret/data/app/db', { data: { password: 'team-a' } });
out.namespace = {
  inNamespace: (await ns.read('secret/data/app/db')).data.data.password,
  rootStillSees: (await vault.read('secret/data/app/db')).data.data.password,
  rootTokenInNamespace: await refusal(() => nodeVault({ endpoint, namespace: 'team-a', token: vault.token }).read('secret/data/app/db')),
};

await vault.tokenRevokeSelf();
out.refusals = {
  wrongAudience: await refusal(() => nodeVault({ endpoint }).kubernetesLogin({ role: 'sidecar', jwt: irsa, mount_point })),
  unknownRole: await refusal(() => nodeVault({ endpoint }).kubernetesLogin({ role: 'nope', jwt, mount_point })),
  revokedToken: await refusal(() => vault.read('secret/data/app/db')),
  noToken: await refusal(() => nodeVault({ endpoint }).read('secret/data/app/db')),
};
console.log(JSON.stringify(out));
