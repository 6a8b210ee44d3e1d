export * from './storage';
export * from './postal';
export * from './payment';
export * from './agency-connectors/agency-connector';
export * from './agency-connectors/sandbox-agency.connector';
export * from './agency-connectors/agency-connector.registry';
export * from './agency-connectors/agency-connectors.module';
export * from './payment';
