export * from './process-definition.entity';
export * from './step-task.entity';
export * from './process-definition.repository';
export * from './step-task.repository';
export * from './step-task-row';
