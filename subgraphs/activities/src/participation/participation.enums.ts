import { registerLabelledEnum } from '@tongxin/common';

export enum ParticipationRole {
  PARTICIPANT = 'PARTICIPANT',
  ORGANIZER = 'ORGANIZER',
  SPEAKER = 'SPEAKER',
  VOLUNTEER = 'VOLUNTEER',
}

export enum Attendance {
  REGISTERED = 'REGISTERED',
  ATTENDED = 'ATTENDED',
  ABSENT = 'ABSENT',
  EXCUSED = 'EXCUSED',
}

registerLabelledEnum(ParticipationRole, 'ParticipationRole', '参与角色', {
  PARTICIPANT: '参加者',
  ORGANIZER: '组织者',
  SPEAKER: '主讲人',
  VOLUNTEER: '志愿者',
});
registerLabelledEnum(Attendance, 'Attendance', '出席情况', {
  REGISTERED: '已报名',
  ATTENDED: '已出席',
  ABSENT: '缺席',
  EXCUSED: '请假',
});
