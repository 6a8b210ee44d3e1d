export * from './satisfaction';
export * from './complaint-deadline';
