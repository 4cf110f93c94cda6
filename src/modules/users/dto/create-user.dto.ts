import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'chengguan' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{2,64}$/, { message: 'username 只能包含字母、数字、下划线、点和连字符，长度 2–64' })
  username: string;

  @ApiProperty({ minLength: 10, description: '≥ 10 characters, ≤ 72 bytes, not the username, not a common password' })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'required for role "department"' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}
