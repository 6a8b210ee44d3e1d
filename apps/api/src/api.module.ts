import { DynamicModule, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PlatformModule } from '@motcua/platform';
import { HealthModule } from './health/health.module';
import { CatalogModule } from './catalog/catalog.module';
import { CalendarModule } from './calendar/calendar.module';
import { IntakeModule } from './intake/intake.module';
import { DossierModule } from './dossier/dossier.module';
import { TestClockController } from './test-clock/test-clock.controller';
import { ProcessDefinitionsModule } from './process-definitions/process-definitions.module';
import { InboxModule } from './inbox/inbox.module';
import { ControlSlipModule } from './control-slip/control-slip.module';
import { IdentityModule } from './identity/identity.module';
import { ApologyModule } from './apology/apology.module';
import { SupervisionDeadlinesModule } from './supervision/supervision-deadlines.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SupplementModule } from './supplement/supplement.module';
import { SubscribersAdminModule } from './subscribers/subscribers.module';
import { DocumentsModule } from './documents/documents.module';
import { SearchModule } from './search/search.module';
import { DeliveryApiModule } from './delivery/delivery.module';
import { PaymentModule } from './payment/payment.module';
import { StaffAdminModule } from './staff-admin/staff-admin.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { SimulationModule } from './simulation/simulation.module';
import { CitizensModule } from './citizens/citizens.module';
import { HttpMetricsModule } from './metrics/http-metrics.module';

/** The only HTTP face: desk, agencies, supervisors, citizens, gateway callbacks. */
@Module({})
export class ApiModule {
  static forRoot(config: MotcuaConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot({ config, outboxRelay: false }),
        IdentityModule,
        HealthModule,
        CatalogModule,
        CalendarModule,
        IntakeModule,
        DossierModule,
        ProcessDefinitionsModule,
        InboxModule,
        ControlSlipModule,
        ApologyModule,
        SupervisionDeadlinesModule,
        NotificationsModule,
        SupplementModule,
        SubscribersAdminModule,
        DocumentsModule,
        SearchModule,
        DeliveryApiModule,
        PaymentModule.forRoot(config),
        StaffAdminModule,
        IndicatorsModule,
        SimulationModule,
        CitizensModule,
        HttpMetricsModule,
      ],
      controllers: config.TEST_CLOCK_ENABLED ? [TestClockController] : [],
    };
  }
}
