import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, AnyRole, CurrentActor, Public } from '../../common/auth/actor';
import { ChangePasswordDto } from '../users/dto/change-password.dto';
import { UsersService } from '../users/users.service';
import { AuthService, LoginResult } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly users: UsersService) {}

  /** Failed logins are limited per client address and per username (LoginLimiter). */
  @Post('login')
  @Public()
  @HttpCode(200)
  login(@Body() body: LoginDto, @Req() req: FastifyRequest): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, req.ip);
  }

  @Get('me')
  @AnyRole()
  @ApiBearerAuth()
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  /** Changes one's own password; every token issued before stops working. */
  @Post('password')
  @AnyRole()
  @ApiBearerAuth()
  @HttpCode(204)
  async changePassword(@Body() body: ChangePasswordDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.users.changeOwnPassword(actor.id, body);
  }
}
