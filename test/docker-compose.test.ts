import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ConfigError, SINGLE_THREADED_FLAG, serviceNodeFlags } from '@tongxin/common';
import { GATEWAY_HEAP_FLAGS, gatewayNodeFlags } from '@tongxin/gateway';
import { SUBGRAPHS } from '@tongxin/platform';

const ROOT = path.resolve(__dirname, '..');

/** docker-compose.yml is for users (no Docker engine here): it is checked, not run. */
describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, any>;
  };
  const services = compose.services;

  it('runs MySQL 8 with a health check', () => {
    expect(services.mysql.image).toMatch(/^mysql:8/);
    expect(services.mysql.healthcheck.test).toBeDefined();
  });

  it.each(SUBGRAPHS.map((s) => [s.subgraph, s.defaultPort] as const))('runs the %s subgraph on MySQL, built from the repo, healthy before the gateway', (name, port) => {
    const svc = services[name];
    expect(svc.build).toBe('.');
    expect(svc.environment).toMatchObject({ TONGXIN_DB: 'mysql', MYSQL_HOST: 'mysql', PORT: String(port), HOST: '0.0.0.0', NODE_ENV: 'production' });
    // Its own least-privileged account, never root; the migrate step migrates and grants first.
    expect(svc.environment.MYSQL_USER).toBe(`tongxin_${name}`);
    expect(svc.environment.MYSQL_PASSWORD).toMatch(new RegExp(`^\\$\\{TONGXIN_${name.toUpperCase()}_DB_PASSWORD:\\?`));
    expect(svc.environment.MYSQL_PASSWORD).toBe(services.migrate.environment[`TONGXIN_${name.toUpperCase()}_DB_PASSWORD`]);
    expect(svc.environment.TONGXIN_MIGRATE).toBe('false');
    expect(svc.depends_on.migrate.condition).toBe('service_completed_successfully');
    expect(svc.environment.TONGXIN_JWT_SECRET).toBe(services.gateway.environment.TONGXIN_JWT_SECRET);
    expect(svc.environment.TONGXIN_JWT_SECRET).toMatch(/^\$\{TONGXIN_JWT_SECRET:\?/);
    // Required, never defaulted: in production a subgraph refuses to start without it.
    expect(svc.environment.TONGXIN_DATA_KEY).toMatch(/^\$\{TONGXIN_DATA_KEY:\?/);
    // The service calls' own key, on every subgraph (persons signs with it, organizations checks it).
    expect(svc.environment.TONGXIN_SERVICE_SECRET).toMatch(/^\$\{TONGXIN_SERVICE_SECRET:\?/);
    expect(svc.environment.TONGXIN_SERVICE_SECRET).not.toBe(svc.environment.TONGXIN_JWT_SECRET);
    // A subgraph finds its peers by service name, as the gateway does.
    for (const peer of SUBGRAPHS) {
      expect(svc.environment[`SUBGRAPH_${peer.subgraph.toUpperCase()}_URL`]).toBe(`http://${peer.subgraph}:${peer.defaultPort}/graphql`);
    }
    expect(svc.depends_on.mysql.condition).toBe('service_healthy');
    expect(svc.healthcheck.test.join(' ')).toContain(`127.0.0.1:${port}/health/ready`);
    expect(svc.ports).toBeUndefined();
    // As production runs a subgraph's Node (and the bench measures it): no flags by default.
    expect(svc.command).toEqual(['node', ...serviceNodeFlags({}), `subgraphs/${name}/dist/main.js`]);
    expect(svc.command).toEqual(['node', `subgraphs/${name}/dist/main.js`]);
    const script = svc.command[svc.command.length - 1] as string;
    expect(fs.existsSync(path.join(ROOT, script.replace('/dist/', '/src/').replace(/\.js$/, '.ts')))).toBe(true);
    expect(services.gateway.depends_on[name].condition).toBe('service_healthy');
    expect(services.gateway.environment[`SUBGRAPH_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
  });

  it('publishes only the gateway, with a health check, from a Dockerfile that exists', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports)
      .map(([n]) => n);
    expect(published).toEqual(['gateway']);
    expect(services.gateway.healthcheck.test.join(' ')).toContain('/health/ready');
    // The gateway refuses service tokens outright and never holds their key.
    expect(services.gateway.environment.TONGXIN_SERVICE_SECRET).toBeUndefined();
    // The gateway's heap is capped as production runs it (and the bench measures it); not single-threaded.
    const command = ['node', ...gatewayNodeFlags({}), 'gateway/dist/main.js'];
    expect(command).toEqual(['node', ...GATEWAY_HEAP_FLAGS, 'gateway/dist/main.js']);
    expect(services.gateway.command).toEqual(command);
    expect(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toContain(`CMD ${JSON.stringify(command).replace(/","/g, '", "')}`);
    expect(fs.existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
    expect(Object.keys(services).sort()).toEqual(['activities', 'evaluation', 'gateway', 'migrate', 'mysql', 'organizations', 'persons', 'seed'].sort());
  });

  it("migrates as MySQL's administrator and grants each subgraph its own account before any starts; no password is written in the file", () => {
    const migrate = services.migrate;
    expect(migrate.command).toEqual(['node', 'packages/platform/dist/migrate.js', '--grant']);
    expect(fs.existsSync(path.join(ROOT, 'packages/platform/src/migrate.ts'))).toBe(true);
    expect(migrate.environment).toMatchObject({ TONGXIN_DB: 'mysql', MYSQL_HOST: 'mysql', MYSQL_USER: 'root' });
    expect(migrate.environment.MYSQL_PASSWORD).toBe(services.mysql.environment.MYSQL_ROOT_PASSWORD);
    expect(migrate.environment.TONGXIN_DATA_KEY).toMatch(/^\$\{TONGXIN_DATA_KEY:\?/);
    expect(migrate.depends_on.mysql.condition).toBe('service_healthy');
    expect(services.mysql.environment.MYSQL_ROOT_PASSWORD).toMatch(/^\$\{TONGXIN_MYSQL_ROOT_PASSWORD:\?/);
    for (const [name, svc] of Object.entries(services)) {
      for (const [key, value] of Object.entries((svc.environment ?? {}) as Record<string, string>)) {
        if (/PASSWORD|SECRET|KEY/.test(key)) expect({ name, key, value }).toEqual({ name, key, value: expect.stringMatching(/^\$\{[A-Z_]+:\?/) });
      }
    }
    // Only the administrator's steps (migrate, seed) run as root.
    const asRoot = Object.entries(services)
      .filter(([, s]) => s.environment?.MYSQL_USER === 'root')
      .map(([n]) => n);
    expect(asRoot.sort()).toEqual(['migrate', 'seed']);
  });
});

/** V8's --single-threaded is a deployment choice tuned on a 2-core machine (issue 15 §2): off by default. */
describe("the services' Node flags", () => {
  it('hold no --single-threaded by default, anywhere production or npm start runs a service', () => {
    expect(serviceNodeFlags({})).toEqual([]);
    expect(gatewayNodeFlags({})).toEqual([...GATEWAY_HEAP_FLAGS]);
    expect(serviceNodeFlags({ TONGXIN_SINGLE_THREADED: 'false' })).toEqual([]);
    for (const file of ['docker-compose.yml', 'Dockerfile']) {
      const commands = fs
        .readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('#'));
      expect({ file, flagged: commands.filter((line) => line.includes(SINGLE_THREADED_FLAG)) }).toEqual({ file, flagged: [] });
    }
  });

  it("add it to every service with TONGXIN_SINGLE_THREADED=true, keeping the gateway's heap flags, and refuse a value that is not a boolean", () => {
    expect(serviceNodeFlags({ TONGXIN_SINGLE_THREADED: 'true' })).toEqual(['--single-threaded']);
    expect(gatewayNodeFlags({ TONGXIN_SINGLE_THREADED: 'true' })).toEqual([...GATEWAY_HEAP_FLAGS, '--single-threaded']);
    expect(() => serviceNodeFlags({ TONGXIN_SINGLE_THREADED: 'sometimes' })).toThrow(new ConfigError('TONGXIN_SINGLE_THREADED=sometimes is not a boolean (true/false)'));
  });
});
