import { demoParallelDefinition, demoSequentialDefinition } from '@motcua/persistence';
import type { Actor } from '../../../apps/api/src/identity/access.decorator';
import { AgencyQueueWorkers } from '../../../apps/workflow/src/connectors/agency-queue-workers';
import { seedCatalog, SeededCatalog } from '../../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../../support/test-services';
import { WorkflowHttp } from './workflow-fixture';

export const DISTRICT_DESK = '000.00.12.H62';
export const CENTRE_DESK = '000.00.01.H62';
export const LAND_REGISTRY = '000.02.02.H62';
export const TAX = '000.00.07.H62';
export const NATURAL_RESOURCES = '000.00.02.H62';
export const PLANNING = '000.00.04.H62';
export const LABOUR = '000.00.05.H62';
export const LAND_CERTIFICATE = '1.000775';
export const LAND_TRANSFER = '1.004203';
export const ENTERPRISE = '2.001610';
export const BUILDING_PERMIT = '1.009794';
export const COMMUNE_DESK = '000.21.12.H62';
export const SOCIAL_ALLOWANCE = '1.001776';
export const HOUSEHOLD_BUSINESS = '2.000575';

export interface WorkflowWorld {
  services: TestServices;
  catalog: SeededCatalog;
  api: WorkflowHttp;
  admin: Actor;
  supervisor: Actor;
  districtDesk: Actor;
  centreDesk: Actor;
  sequentialDefinitionId: string;
}

/**
 * The workflow engine suites' world (issue 5): services on a test clock with an instant simulated connector, the
 * demo catalog, the sequential land-certificate and parallel enterprise definitions published.
 */
export async function startWorkflowWorld(): Promise<WorkflowWorld> {
  const services = await startTestServices({ TEST_CLOCK_ENABLED: 'true', SIMULATED_CONNECTOR_LATENCY_MS: '0' });
  const catalog = await seedCatalog(services.dataSource);
  // Agencies were created after boot: open their queue workers now rather than at the next periodic refresh.
  await services.workflow.get(AgencyQueueWorkers).refresh();
  const api = new WorkflowHttp(services);
  const admin = catalog.actor('000.00.00.H62', 'admin');
  // Monday 1 Nov 2027, 08:00 in Hà Nội. (A date after the real one: the shared waitUntilIdle compares outbox
  // deliver_at with the database's real now(), so timers of a test clock in the past would never look idle.)
  await api.setClock(admin, '2027-11-01T08:00:00+07:00');
  const sequentialDefinitionId = (
    await api.publishDefinition(
      admin,
      catalog.procedures.get(LAND_CERTIFICATE)!.id,
      demoSequentialDefinition({ taxAsConnector: false }),
    )
  ).id;
  await api.publishDefinition(admin, catalog.procedures.get(ENTERPRISE)!.id, demoParallelDefinition());
  return {
    services,
    catalog,
    api,
    admin,
    supervisor: catalog.actor('000.00.00.H62', 'supervisor'),
    districtDesk: catalog.actor(DISTRICT_DESK, 'desk_officer'),
    centreDesk: catalog.actor(CENTRE_DESK, 'desk_officer'),
    sequentialDefinitionId,
  };
}
