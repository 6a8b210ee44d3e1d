import { AgencyConnector } from './agency-connector';
import { AgencyConnectorRegistry } from './agency-connector.registry';
import { SandboxAgencyConnector } from './sandbox-agency.connector';

describe('AgencyConnectorRegistry', () => {
  const request = { connector: 'tax-transfer-levy', stepTaskId: 't', dossierId: 'd', stepId: 'tax', attempt: 1 };

  it('routes a step to the adapter registered under its connector name, and other names to the sandbox', async () => {
    const sandbox = new SandboxAgencyConnector({ latencyMs: 0, failurePercent: 0 });
    const tax: AgencyConnector = { call: async () => ({ outcome: 'refuse', comment: 'real tax system' }) };
    const registry = new AgencyConnectorRegistry(sandbox).register('tax-transfer-levy', tax);

    expect(await registry.connectorFor('tax-transfer-levy').call(request)).toEqual({
      outcome: 'refuse',
      comment: 'real tax system',
    });
    expect(sandbox.calls).toBe(0);
    expect(await registry.connectorFor('land-registry').call({ ...request, connector: 'land-registry' })).toEqual({
      outcome: 'approve',
      comment: 'sandbox land-registry: done',
    });
    expect(sandbox.calls).toBe(1);
    expect(registry.registeredNames()).toEqual(['tax-transfer-levy']);
  });

  it('refuses a second adapter under the same name', () => {
    const registry = new AgencyConnectorRegistry(new SandboxAgencyConnector({ latencyMs: 0, failurePercent: 0 }));
    const adapter: AgencyConnector = { call: async () => ({ outcome: 'approve' }) };
    registry.register('x', adapter);
    expect(() => registry.register('x', adapter)).toThrow("agency connector 'x' is registered twice");
  });

  it('the sandbox fails every call at 100 %', async () => {
    const sandbox = new SandboxAgencyConnector({ latencyMs: 0, failurePercent: 100 });
    await expect(sandbox.call(request)).rejects.toThrow("sandbox connector 'tax-transfer-levy' failed");
  });
});
