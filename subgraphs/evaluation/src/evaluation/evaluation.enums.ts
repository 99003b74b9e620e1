import { registerLabelledEnum } from '@tongxin/common';

/**
 * What a representative person is evaluated on: the four standards of §7/§15, then the four
 * aspects §17 asks to observe. A scheme picks some of them and weights them.
 */
export enum EvaluationDimension {
  POLITICAL_QUALITY = 'POLITICAL_QUALITY',
  SOCIAL_CONTRIBUTION = 'SOCIAL_CONTRIBUTION',
  PARTICIPATION_ABILITY = 'PARTICIPATION_ABILITY',
  STRATUM_INFLUENCE = 'STRATUM_INFLUENCE',
  POLITICAL_THINKING = 'POLITICAL_THINKING',
  PROFESSIONAL_QUALITY = 'PROFESSIONAL_QUALITY',
  OVERALL_STRENGTH = 'OVERALL_STRENGTH',
  PUBLIC_IMAGE = 'PUBLIC_IMAGE',
}

export const DIMENSION_LABELS: Readonly<Record<EvaluationDimension, string>> = {
  POLITICAL_QUALITY: '政治素质',
  SOCIAL_CONTRIBUTION: '社会贡献',
  PARTICIPATION_ABILITY: '参政议政能力',
  STRATUM_INFLUENCE: '在所联系阶层中的影响',
  POLITICAL_THINKING: '政治思想',
  PROFESSIONAL_QUALITY: '业务素质',
  OVERALL_STRENGTH: '综合实力',
  PUBLIC_IMAGE: '自身形象',
};

registerLabelledEnum(EvaluationDimension, 'EvaluationDimension', '综合评价维度 (§7, §15, §17)', DIMENSION_LABELS);
