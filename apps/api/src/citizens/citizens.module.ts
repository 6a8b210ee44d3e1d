import { Module } from '@nestjs/common';
import { CitizenFeedbackController } from './citizen-feedback.controller';
import { CitizenStatusUseCase } from './citizen-status.use-case';
import { ComplaintUseCase } from './complaint.use-case';
import { ComplaintsController } from './complaints.controller';
import { NationalPortalSandboxController } from './national-portal-sandbox.controller';
import { RatingUseCase } from './rating.use-case';

/** What citizens do without an account besides the lookup (issue 14): rate the service, complain. */
@Module({
  controllers: [CitizenFeedbackController, ComplaintsController, NationalPortalSandboxController],
  providers: [RatingUseCase, ComplaintUseCase, CitizenStatusUseCase],
})
export class CitizensModule {}
