import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { UploadsModule } from '../uploads/uploads.module';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

@Module({
  imports: [DepartmentsModule, UploadsModule],
  controllers: [PlansController],
  providers: [PlansService, PlansRepository],
  exports: [PlansService, PlansRepository],
})
export class PlansModule {}
