import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { IdParam } from '../../common/http/id-param';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, AnyRole, CurrentActor, Roles } from '../../common/auth/actor';
import { DepartmentsService, DepartmentView } from './departments.service';
import { CreateDepartmentDto } from './dto/create-department.dto';
import { UpdateDepartmentDto } from './dto/update-department.dto';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @AnyRole()
  list(): Promise<DepartmentView[]> {
    return this.departments.list();
  }

  @Get(':id')
  @AnyRole()
  get(@IdParam() id: string): Promise<DepartmentView> {
    return this.departments.get(id);
  }

  @Post()
  @Roles('admin')
  create(@Body() body: CreateDepartmentDto, @CurrentActor() actor: Actor): Promise<DepartmentView> {
    return this.departments.create(body, actor.id);
  }

  @Patch(':id')
  @Roles('admin')
  update(@IdParam() id: string, @Body() body: UpdateDepartmentDto, @CurrentActor() actor: Actor): Promise<DepartmentView> {
    return this.departments.update(id, body, actor.id);
  }
}
