// The redaction test set: what residents and staff really write, with what the automatic step must take
// out (`hidden`) and what it must leave for the public to read (`kept`). Grow it whenever a leak is found.

export type RedactionCase = { text: string; names?: string[]; hidden: string[]; kept: string[] };

export const redactionSet: RedactionCase[] = [
  {
    text: '我是3号楼2单元501室的住户，电话13812345678，楼道灯坏了。',
    hidden: ['3号楼2单元501室', '13812345678'],
    kept: ['楼道灯坏了'],
  },
  {
    text: '联系电话：138 1234 5678（王文贵），家住5栋1-302',
    names: ['王文贵'],
    hidden: ['138 1234 5678', '王文贵', '5栋1-302'],
    kept: ['联系电话'],
  },
  { text: '请回电 +86 139-0000-1234，谢谢', hidden: ['139-0000-1234'], kept: ['请回电', '谢谢'] },
  { text: '物业值班室电话0951-5012345一直没人接', hidden: ['0951-5012345'], kept: ['物业值班室'] },
  {
    text: '身份证号640102199001011234，想咨询社保补缴',
    hidden: ['640102199001011234'],
    kept: ['想咨询社保补缴'],
  },
  { text: '老人身份证64010219500101123X丢了', hidden: ['64010219500101123X'], kept: ['丢了'] },
  { text: '宁A12345天天占消防通道', hidden: ['宁A12345'], kept: ['占消防通道'] },
  { text: '那辆宁A·D12345的新能源车堵在门口', hidden: ['宁A·D12345'], kept: ['新能源车'] },
  { text: '三号楼二单元五零一家里漏水', hidden: ['三号楼二单元五零一'], kept: ['家里漏水'] },
  { text: '２号楼３单元６０２室楼上噪音', hidden: ['２号楼３单元６０２室'], kept: ['楼上噪音'] },
  { text: '我家在2-1-501，水管漏水', hidden: ['2-1-501'], kept: ['水管漏水'] },
  { text: '1单元302住户反映楼道堆物', hidden: ['1单元302'], kept: ['楼道堆物'] },
  { text: '住在602室的老人行动不便', hidden: ['602室'], kept: ['老人行动不便'] },
  {
    text: '马小兰说2号楼负一层的增压泵太吵',
    names: ['马小兰'],
    hidden: ['马小兰'],
    kept: ['2号楼负一层的增压泵太吵'],
  },
  {
    text: '李大妈和王文贵都反映了路灯不亮',
    names: ['李大妈', '王文贵', '王'],
    hidden: ['李大妈', '王文贵'],
    kept: ['路灯不亮'],
  },
  // What the public may read stays: buildings, compounds, dates, counts, amounts.
  {
    text: '建校家属院建于1997年，共3栋楼75户，东侧围墙倾斜',
    hidden: [],
    kept: ['1997年', '3栋楼75户', '东侧围墙倾斜'],
  },
  { text: '3号楼楼道照明已修复', hidden: [], kept: ['3号楼楼道照明已修复'] },
  {
    text: '安装休闲座椅5个，太阳能节能灯4个，共花费12000元',
    hidden: [],
    kept: ['休闲座椅5个', '12000元'],
  },
  { text: '2026年4月12日召开协商议事会', hidden: [], kept: ['2026年4月12日'] },
  { text: '12345热线转来的工单', hidden: [], kept: ['12345热线'] },
  { text: '共28条意见，梳理出13个问题', hidden: [], kept: ['28条', '13个问题'] },
];
