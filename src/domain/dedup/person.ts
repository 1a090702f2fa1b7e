// Who a personal request is about, as staff notes name people: 李女士, 张师傅, 冯大爷, 李某某.

// Common surnames 百家姓, without those that are also everyday function words (和, 时, 向, 于, 安 …),
// which would read 他和阿姨 as a Mr 和. A surname left out just leaves the request unattributed,
// which keeps it on its own.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简项芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝';
const HONORIFICS =
  '老太太|老太|老爷子|老汉|大爷|大妈|大娘|大婶|大姐|大哥|奶奶|爷爷|阿姨|叔叔|师傅|女士|先生|小姐|嫂子|老师|某某|某';
const PERSON = new RegExp(`([${SURNAMES}])(?:${HONORIFICS})`, 'u');

/** The surname of the person a text is about (`李` for 李女士 or 李某某), or null when none is named. */
export function personSurname(text: string): string | null {
  return PERSON.exec(text)?.[1] ?? null;
}
