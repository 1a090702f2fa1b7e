import type { Tx } from '../server/transaction.ts';
import { addPerson, type DemoOwner } from './places.ts';

// Invented owners for the demo households: the same names and numbers every time, in an obviously fictional
// phone range (1700001xxxx). Family names lean towards those common in Ningxia (马, 丁, 海, 纳 among them).
const familyNames = [
  '马',
  '王',
  '李',
  '张',
  '刘',
  '杨',
  '丁',
  '海',
  '白',
  '金',
  '田',
  '何',
  '赵',
  '陈',
  '周',
  '吴',
  '郭',
  '冯',
  '孙',
  '苏',
  '纳',
  '拜',
  '韩',
  '罗',
];
const givenNames = [
  '建国',
  '秀兰',
  '桂英',
  '志强',
  '海燕',
  '文华',
  '玉梅',
  '德福',
  '春花',
  '晓东',
  '丽娟',
  '永福',
  '凤英',
  '国强',
  '淑芳',
  '立新',
  '红梅',
  '占山',
  '金花',
  '学军',
  '小燕',
  '振华',
  '翠萍',
  '宏伟',
  '月娥',
  '天明',
  '兰英',
  '继红',
  '思远',
  '欣怡',
  '进财',
];

/**
 * Hands out the owners of household after household. Now and then one owner holds two units (the next
 * household is theirs too), a unit is held jointly by two people, or the register has no phone.
 */
export class OwnerRegister {
  private count = 0;
  private households = 0;
  private previous: DemoOwner[] = [];

  constructor(private readonly tx: Tx) {}

  private async newOwner(): Promise<DemoOwner> {
    const i = this.count++;
    const name = `${familyNames[(i * 7 + 3) % familyNames.length]}${givenNames[(i * 11 + 5) % givenNames.length]}`;
    const phone = i % 6 === 5 ? null : `1700001${String(i).padStart(4, '0')}`;
    return { personId: await addPerson(this.tx, name, phone), name, phone };
  }

  async next(): Promise<DemoOwner[]> {
    const n = this.households++;
    let owners: DemoOwner[];
    if (n % 29 === 28 && this.previous.length > 0) owners = this.previous;
    else if (n % 13 === 6) owners = [await this.newOwner(), await this.newOwner()];
    else owners = [await this.newOwner()];
    this.previous = owners;
    return owners;
  }
}
