import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { SandboxPostalCarrier } from '@motcua/integrations';
import { connectorStepHandler } from './connector.step-handler';
import { deliveryStepHandler } from './delivery.step-handler';
import { paymentStepHandler } from './payment.step-handler';
import { StepHandler } from './step-handler';
import { subDossierStepHandler } from './sub-dossier.step-handler';
import { taskStepHandler } from './task.step-handler';

/** The step handlers the router dispatches to, by registry key (`stepHandlerKey`): one line per kind. */
export function defaultStepHandlers(
  config: Pick<MotcuaConfig, 'LOOKUP_SECRET_KEY' | 'POSTAL_WEBHOOK_SECRET' | 'POSTAL_WEBHOOK_TOLERANCE_SECONDS'>,
): StepHandler[] {
  return [
    taskStepHandler,
    connectorStepHandler,
    paymentStepHandler,
    deliveryStepHandler(
      (manager) =>
        new SandboxPostalCarrier(
          manager.connection,
          config.POSTAL_WEBHOOK_SECRET,
          config.POSTAL_WEBHOOK_TOLERANCE_SECONDS,
        ),
    ),
    subDossierStepHandler(config.LOOKUP_SECRET_KEY),
  ];
}

/** One place that knows every step kind; the router asks it for the handler of a step. */
export class StepHandlerRegistry {
  private readonly handlers = new Map<string, StepHandler>();

  constructor(handlers: readonly StepHandler[]) {
    for (const handler of handlers) {
      if (this.handlers.has(handler.kind)) throw new Error(`step kind '${handler.kind}' has two handlers`);
      this.handlers.set(handler.kind, handler);
    }
  }

  handlerFor(key: string): StepHandler {
    const handler = this.handlers.get(key);
    if (!handler) throw new Error(`no step handler for kind '${key}' (register it in step-handler.registry.ts)`);
    return handler;
  }

  kinds(): string[] {
    return [...this.handlers.keys()].sort();
  }
}

/** The registry as a Nest provider of the workflow app. */
@Injectable()
export class WorkflowStepHandlers extends StepHandlerRegistry {
  constructor(@Inject(MotcuaConfig) config: MotcuaConfig) {
    super(defaultStepHandlers(config));
  }
}
