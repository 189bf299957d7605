<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssignmentsPage</name>
    <message>
        <source>Stand-in (AB)</source>
        <translation>AB角（顶岗）</translation>
    </message>
    <message>
        <source>New assignment</source>
        <translation>新建窗口安排</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>主岗</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位角色</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>No end date</source>
        <translation>长期（无结束日期）</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1（已停用）</translation>
    </message>
    <message>
        <source>%1 at window %2</source>
        <translation>%1 在 %2 号窗口</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters.</source>
        <translation>内容过长：最多 %1 个字符。</translation>
    </message>
    <message>
        <source>This value is not valid.</source>
        <translation>此项的值无效。</translation>
    </message>
    <message>
        <source>The chosen entry no longer exists; choose again.</source>
        <translation>所选项已不存在，请重新选择。</translation>
    </message>
    <message>
        <source>Use letters, digits, '-' and '_' only, e.g. SZ-01.</source>
        <translation>只能使用字母、数字、“-”和“_”，例如 SZ-01。</translation>
    </message>
    <message>
        <source>A hall with code %1 already exists.</source>
        <translation>编码为 %1 的大厅已存在。</translation>
    </message>
    <message>
        <source>Unknown time zone %1; use a name like Asia/Shanghai.</source>
        <translation>未知的时区 %1，请使用 Asia/Shanghai 这样的名称。</translation>
    </message>
    <message>
        <source>Code %1 is already used by %2.</source>
        <translation>编码 %1 已被“%2”使用。</translation>
    </message>
    <message>
        <source>Code %1 belonged to the removed unit %2; choose another code.</source>
        <translation>编码 %1 属于已删除的单位“%2”，请换一个编码。</translation>
    </message>
    <message>
        <source>%1 still has active windows (%2) and staff (%3): move or deactivate them first.</source>
        <translation>“%1”仍有启用的窗口（%2）和工作人员（%3），请先调整到其他单位或停用。</translation>
    </message>
    <message>
        <source>Use up to two capital letters and 1–3 digits, e.g. A12.</source>
        <translation>窗口号为至多两个大写字母加 1–3 位数字，例如 A12。</translation>
    </message>
    <message>
        <source>Window %1 already exists.</source>
        <translation>窗口 %1 已存在。</translation>
    </message>
    <message>
        <source>Window %1 already exists but is inactive: select it and make it active again.</source>
        <translation>窗口 %1 已存在但已停用：请在列表中选中后重新启用。</translation>
    </message>
    <message>
        <source>Number %1 belonged to a removed window; choose another.</source>
        <translation>窗口号 %1 属于已删除的窗口，请换一个。</translation>
    </message>
    <message>
        <source>Window %1 is still assigned to %2: end or remove those assignments first.</source>
        <translation>窗口 %1 仍安排有 %2，请先结束或删除这些窗口安排。</translation>
    </message>
    <message>
        <source>Window %1 is inactive.</source>
        <translation>窗口 %1 已停用。</translation>
    </message>
    <message>
        <source>Staff number %1 is already used by %2.</source>
        <translation>工号 %1 已被 %2 使用。</translation>
    </message>
    <message>
        <source>Letters and digits only.</source>
        <translation>只能包含字母和数字。</translation>
    </message>
    <message>
        <source>PIN %1 is already used by %2 (%3): clear it there first.</source>
        <translation>考勤号 %1 已被 %2（%3）使用，请先在该人员处清除。</translation>
    </message>
    <message>
        <source>Give 7–20 digits, e.g. 13800138000 or 0755-12345678.</source>
        <translation>请填写 7–20 位数字，例如 13800138000 或 0755-12345678。</translation>
    </message>
    <message>
        <source>%1 is still assigned to windows %2: end or remove those assignments first.</source>
        <translation>%1 仍安排在窗口 %2，请先结束或删除这些窗口安排。</translation>
    </message>
    <message>
        <source>%1 is inactive.</source>
        <translation>%1 已停用。</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Window %1 already has %2 as primary from %3 to %4.</source>
        <translation>窗口 %1 在 %3 至 %4 已安排 %2 为主岗。</translation>
    </message>
    <message>
        <source>Write the day as MM-DD, e.g. 05-01.</source>
        <translation>请按“月-日”填写，例如 05-01。</translation>
    </message>
    <message>
        <source>Times must run: morning start &lt; morning end ≤ afternoon start &lt; afternoon end.</source>
        <translation>时间须依次为：上午上班 &lt; 上午下班 ≤ 下午上班 &lt; 下午下班。</translation>
    </message>
    <message>
        <source>Give a whole number from %1 to %2.</source>
        <translation>请填写 %1 至 %2 之间的整数。</translation>
    </message>
    <message>
        <source>A schedule named %1 already exists.</source>
        <translation>已有名为“%1”的作息时间。</translation>
    </message>
    <message>
        <source>The season overlaps %1 (%2 to %3).</source>
        <translation>该时段与“%1”（%2 至 %3）重叠。</translation>
    </message>
    <message>
        <source>%1 already has an entry (%2): select it to change it.</source>
        <translation>%1 已有记录（%2），请在列表中选中后修改。</translation>
    </message>
    <message>
        <source>The day of an entry cannot change: remove it and add a new one.</source>
        <translation>记录的日期不能修改：请删除后重新添加。</translation>
    </message>
    <message>
        <source>The installed national holiday calendar knows the years %2–%3, not %1. Enter the days of %1 by hand from the State Council's notice; until then %1 is counted Monday to Friday.</source>
        <translation>已安装的国家节假日日历只包含 %2–%3 年，不含 %1 年。请按国务院办公厅的通知手工录入 %1 年的节假日；录入之前，%1 年按周一至周五计算工作日。</translation>
    </message>
    <message>
        <source>Row %1 has no device serial number.</source>
        <translation>第 %1 行没有填写设备序列号。</translation>
    </message>
    <message>
        <source>Device %1 is listed twice.</source>
        <translation>设备 %1 重复列出。</translation>
    </message>
    <message>
        <source>The offset of device %1 must be %2 to %3 seconds.</source>
        <translation>设备 %1 的时钟偏差须在 %2 至 %3 秒之间。</translation>
    </message>
    <message>
        <source>This entry no longer exists (removed on another device?).</source>
        <translation>该记录已不存在（可能已在其他设备上删除）。</translation>
    </message>
    <message>
        <source>The database is busy: another program is writing. Try again.</source>
        <translation>数据库正忙：另一个程序正在写入，请稍后重试。</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <source>Give a case number or a ticket number.</source>
        <translation>请填写办件编号或取号号码。</translation>
    </message>
    <message>
        <source>This time is in the future: enter what has happened.</source>
        <translation>该时间晚于现在：请录入已发生的事。</translation>
    </message>
    <message>
        <source>Times must run: ticket taken, called, accepted, finished.</source>
        <translation>时间须依次为：取号、叫号、受理、办结。</translation>
    </message>
    <message>
        <source>A finished case needs its finishing time, and only a finished case has one.</source>
        <translation>已办结的办件须有办结时间，未办结的不能有办结时间。</translation>
    </message>
    <message>
        <source>Only a finished case is rated.</source>
        <translation>只有已办结的办件才有评价。</translation>
    </message>
    <message>
        <source>Case number %1 is already used.</source>
        <translation>办件编号 %1 已被使用。</translation>
    </message>
</context>
<context>
    <name>HallPage</name>
    <message>
        <source>New hall</source>
        <translation>新建大厅</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>e.g. SZ-01</source>
        <translation>例如 SZ-01</translation>
    </message>
    <message>
        <source>A hall's code cannot change once it is made.</source>
        <translation>大厅编码创建后不能修改。</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Hall %1 created with the default rules.</source>
        <translation>已创建大厅“%1”，并采用默认规则。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>National holidays imported for %1.</source>
        <translation>已导入 %1 年国家法定节假日。</translation>
    </message>
    <message>
        <source>The national calendar does not know %1 yet: enter its holidays under Holidays once they are published; until then it is counted Monday to Friday.</source>
        <translation>国家节假日日历尚无 %1 年的数据：公布后请在“节假日”中录入；在此之前按周一至周五计算工作日。</translation>
    </message>
</context>
<context>
    <name>HolidaysPage</name>
    <message>
        <source>New entry</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Working?</source>
        <translation>上班/放假</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Source document</source>
        <translation>依据文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>National calendar (State Council notice)</source>
        <translation>国家法定（国务院通知）</translation>
    </message>
    <message>
        <source>e.g. National Day, or a hall closure</source>
        <translation>例如 国庆节，或大厅停止对外服务</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Import national holidays</source>
        <translation>导入国家法定节假日</translation>
    </message>
    <message>
        <source>Copy the year's holidays and make-up workdays from the national calendar</source>
        <translation>从国家节假日日历导入该年的放假日和调休上班日</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Mon Tue Wed Thu Fri Sat Sun</source>
        <translation>一 二 三 四 五 六 日</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Workday</source>
        <translation>上班</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>National</source>
        <translation>国家法定</translation>
    </message>
    <message>
        <source>This hall</source>
        <translation>本大厅</translation>
    </message>
    <message>
        <source>Kept this hall's own entries for %1.</source>
        <translation>本大厅自行设定的 %1 保持不变。</translation>
    </message>
    <message>
        <source>The national calendar installed covers %1–%2.</source>
        <translation>已安装的国家节假日日历覆盖 %1–%2 年。</translation>
    </message>
    <message>
        <source>%1: %2 days added, %3 corrected, %4 already there.</source>
        <translation>%1 年：新增 %2 天，更正 %3 天，%4 天已存在。</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <source>Deactivate %1?</source>
        <translation>停用“%1”？</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>删除“%1”？</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New entry (Ctrl+N)</source>
        <translation>新建（Ctrl+N）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Drop the changes (Esc)</source>
        <translation>放弃修改（Esc）</translation>
    </message>
    <message>
        <source>Acts on the selected row (Delete)</source>
        <translation>作用于列表中选中的行（Delete）</translation>
    </message>
    <message>
        <source>There is no hall yet: create one first.</source>
        <translation>还没有大厅，请先创建。</translation>
    </message>
    <message>
        <source>Deactivated.</source>
        <translation>已停用。</translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation>已删除。</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>Late grace</source>
        <translation>迟到宽限</translation>
    </message>
    <message>
        <source>Late or early by this much is half a day's absence</source>
        <translation>迟到或早退达到此时长按旷工半天计</translation>
    </message>
    <message>
        <source>Away longer than this is off post</source>
        <translation>离岗超过此时长即为脱岗</translation>
    </message>
    <message>
        <source>Punches closer than this are one punch</source>
        <translation>间隔在此之内的打卡合并为一次</translation>
    </message>
    <message>
        <source>Yellow light when this many working days are left</source>
        <translation>剩余工作日不超过此数时亮黄灯</translation>
    </message>
    <message>
        <source>Follow up a bad rating within</source>
        <translation>差评回访时限</translation>
    </message>
    <message>
        <source>Default rectification deadline</source>
        <translation>默认整改期限</translation>
    </message>
    <message>
        <source>Late or early arrivals in a month for a caution talk</source>
        <translation>月内迟到早退达到此次数建议诫勉谈话</translation>
    </message>
    <message>
        <source>Caution talks in a year for a warning letter</source>
        <translation>年内诫勉达到此次数建议效能告诫</translation>
    </message>
    <message>
        <source>Clock offsets</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source> times</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Cases, ratings and findings</source>
        <translation>办件、评价与检查问题</translation>
    </message>
    <message>
        <source>Accountability suggestions</source>
        <translation>效能问责建议</translation>
    </message>
    <message>
        <source>Punch device clocks</source>
        <translation>考勤机时钟</translation>
    </message>
    <message>
        <source>A device whose clock runs behind gets a positive number of seconds.</source>
        <translation>时钟偏慢的设备填正数秒。</translation>
    </message>
    <message>
        <source>Add device</source>
        <translation>添加设备</translation>
    </message>
    <message>
        <source>Remove device</source>
        <translation>移除设备</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Drop the changes (Esc)</source>
        <translation>放弃修改（Esc）</translation>
    </message>
    <message>
        <source>Device serial number</source>
        <translation>设备序列号</translation>
    </message>
    <message>
        <source>Seconds to add</source>
        <translation>校正秒数</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <source>Saved: %1 rules changed.</source>
        <translation>已保存：修改了 %1 项规则。</translation>
    </message>
</context>
<context>
    <name>SchedulesPage</name>
    <message>
        <source>New schedule</source>
        <translation>新建作息时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Season starts</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Season ends</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Morning starts</source>
        <translation>上午上班</translation>
    </message>
    <message>
        <source>Morning ends</source>
        <translation>上午下班</translation>
    </message>
    <message>
        <source>Afternoon starts</source>
        <translation>下午上班</translation>
    </message>
    <message>
        <source>Afternoon ends</source>
        <translation>下午下班</translation>
    </message>
    <message>
        <source>Late grace</source>
        <translation>迟到宽限</translation>
    </message>
    <message>
        <source>e.g. 05-01</source>
        <translation>例如 05-01</translation>
    </message>
    <message>
        <source>e.g. 09-30</source>
        <translation>例如 09-30</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>适用时段</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>No schedule covers %1: attendance cannot be judged on those days. Add a season or widen one.</source>
        <translation>%1 没有作息时间，这些日子无法判定考勤。请新增或扩展一个时段。</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Hall</source>
        <translation>大厅信息</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>进驻单位</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>窗口安排</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>作息时间</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Rating scales</source>
        <translation>评价等级对照</translation>
    </message>
    <message>
        <source>Spot-check items</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Letter templates</source>
        <translation>公文模板</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>New staff member</source>
        <translation>新建工作人员</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>考勤号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>number on the punch device</source>
        <translation>考勤机上的编号</translation>
    </message>
    <message>
        <source>At work</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>New unit</source>
        <translation>新建进驻单位</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>e.g. SCJG</source>
        <translation>例如 SCJG</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口数</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员数</translation>
    </message>
</context>
<context>
    <name>WindowsPage</name>
    <message>
        <source>Snapshot address</source>
        <translation>抓图地址</translation>
    </message>
    <message>
        <source>JPEG picture address, tried when the stream fails (optional)</source>
        <translation>JPEG 抓图地址，视频流无画面时使用（可不填）</translation>
    </message>
    <message>
        <source>e.g. Hikvision http://IP/ISAPI/Streaming/channels/101/picture, Dahua http://IP/cgi-bin/snapshot.cgi?channel=1. When neither address gives a picture, the check screen offers to import a photo.</source>
        <translation>例如海康威视 http://IP/ISAPI/Streaming/channels/101/picture，大华 http://IP/…/snapshot.cgi?channel=1。两个地址都没有画面时，检查界面会提示导入照片。</translation>
    </message>
    <message>
        <source>New window</source>
        <translation>新建窗口</translation>
    </message>
    <message>
        <source>Window number</source>
        <translation>窗口号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>e.g. A12</source>
        <translation>例如 A12</translation>
    </message>
    <message>
        <source>stream address, snapshot address or webcam number</source>
        <translation>视频流地址、抓图地址或摄像头编号</translation>
    </message>
    <message>
        <source>The address may hold a password: it is kept, but shown masked. Leave the masked text as it is to keep it; type the whole address to change it.</source>
        <translation>地址中可能含有密码：会被保存，但只以遮盖形式显示。保留遮盖后的文字即保持原地址不变；如需修改，请输入完整地址。</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>对外服务</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>窗口号</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>%1 号窗口</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>Welcome to HallWatch</source>
        <translation>欢迎使用窗口效能监察客户端</translation>
    </message>
    <message>
        <source>This data folder has no service hall yet. What would you like to do?</source>
        <translation>此数据目录中还没有政务服务大厅。您想要：</translation>
    </message>
    <message>
        <source>Create a new hall</source>
        <translation>新建大厅</translation>
    </message>
    <message>
        <source>Enter the hall's code, name and time zone. The national holiday calendar and the default rules come with it; units, windows and staff follow in Settings.</source>
        <translation>填写大厅的编码、名称和时区。将同时导入国家法定节假日并采用默认规则；进驻单位、窗口和工作人员随后在“设置”中录入。</translation>
    </message>
    <message>
        <source>Open the demo hall</source>
        <translation>打开演示大厅</translation>
    </message>
    <message>
        <source>A made-up hall with a month of attendance, cases and spot checks, to try HallWatch out. It is never sent to a server.</source>
        <translation>一个虚构的大厅，含一个月的考勤、办件和检查数据，供试用。演示数据不会上传到服务器。</translation>
    </message>
</context>
<context>
    <name>NewHallPage</name>
    <message>
        <source>Create a new hall</source>
        <translation>新建大厅</translation>
    </message>
    <message>
        <source>The code cannot change later; the other details can.</source>
        <translation>编码创建后不能修改，其他信息可以修改。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>e.g. SZ-01</source>
        <translation>例如 SZ-01</translation>
    </message>
    <message>
        <source>e.g. Civic Service Centre</source>
        <translation>例如 市民服务中心</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>Open the demo hall</source>
        <translation>打开演示大厅</translation>
    </message>
    <message>
        <source>Make the demo hall</source>
        <translation>生成演示大厅</translation>
    </message>
    <message>
        <source>Making the demo hall takes a few seconds. Cancel stops it and saves nothing.</source>
        <translation>生成演示大厅需要几秒钟。点击“取消”将停止生成，且不保存任何数据。</translation>
    </message>
    <message>
        <source>Writing the demo data…</source>
        <translation>正在写入演示数据…</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Ready</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Next, enter the units, windows and staff under Settings.</source>
        <translation>接下来请在“设置”中录入进驻单位、窗口和工作人员。</translation>
    </message>
    <message>
        <source>HallWatch — first start</source>
        <translation>窗口效能监察客户端 — 首次使用</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The hall %1 is ready, with the default rules.</source>
        <translation>大厅“%1”已创建，并采用默认规则。</translation>
    </message>
    <message>
        <source>The demo hall %1 is ready. Its data is made up, and it is never sent to a server.</source>
        <translation>演示大厅“%1”已生成。其数据均为虚构，不会上传到服务器。</translation>
    </message>
    <message>
        <source>National holidays were imported for %1.</source>
        <translation>已导入 %1 年国家法定节假日。</translation>
    </message>
    <message>
        <source>The installed national calendar does not know %1 yet: enter its holidays under Settings → Holidays once the State Council publishes them; until then working days in %1 are counted Monday to Friday.</source>
        <translation>已安装的国家节假日日历尚无 %1 年的数据：国务院公布后请在“设置 → 节假日”中录入；在此之前，%1 年按周一至周五计算工作日。</translation>
    </message>
</context>
<context>
    <name>RatingScalesPage</name>
    <message>
        <source>A queue system that rates on its own scale (e.g. 1/3/4) needs its values mapped to the five national levels. Name the source as you name it when importing (--source, or the saved column mapping).</source>
        <translation>排队叫号系统若使用自己的评价等级（如 1/3/4），须将其对照到国家五级评价。来源名称与导入时所用的一致（--source 或已保存的列对照名称）。</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>来源(&amp;S)：</translation>
    </message>
    <message>
        <source>Value in the file</source>
        <translation>文件中的值</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>对应等级</translation>
    </message>
    <message>
        <source>&amp;Add a value</source>
        <translation>添加一个值(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove selected</source>
        <translation>删除所选(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Not saved yet: 1–5 read as they are</source>
        <translation>尚未保存：1–5 按原值读取</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <source>The items a spot check walks through. Findings cite an item by its code, so an item is reworded or taken out of use, never removed.</source>
        <translation>明查暗访逐项检查的内容。问题记录按代码引用检查项，因此检查项只能修改或停用，不能删除。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>程度</translation>
    </message>
    <message>
        <source>Needs rectification</source>
        <translation>须整改</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>&amp;Add an item</source>
        <translation>添加检查项(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Saved: %1 items changed</source>
        <translation>已保存：%1 项有变动</translation>
    </message>
</context>
<context>
    <name>LetterTemplatesPage</name>
    <message>
        <source>Efficiency warning letter</source>
        <translation>效能告诫书</translation>
    </message>
    <message>
        <source>Supervision notice</source>
        <translation>督办通知书</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>文种名称</translation>
    </message>
    <message>
        <source>Office code</source>
        <translation>机关代字</translation>
    </message>
    <message>
        <source>Issuing body</source>
        <translation>发文机关</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>署名机关</translation>
    </message>
    <message>
        <source>Addressed to</source>
        <translation>主送</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>开头语</translation>
    </message>
    <message>
        <source>Grounds</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Right to object and consequences</source>
        <translation>申辩权利及后果</translation>
    </message>
    <message>
        <source>Time to rectify</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Copied to</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Printed by</source>
        <translation>印发机关</translation>
    </message>
    <message>
        <source>Verification address</source>
        <translation>核验网址</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>window number</source>
        <translation>窗口号</translation>
    </message>
    <message>
        <source>rectification deadline (a date)</source>
        <translation>整改截止日期</translation>
    </message>
    <message>
        <source>working days to rectify</source>
        <translation>整改工作日数</translation>
    </message>
    <message>
        <source>The wording a new letter of each kind starts from. A draft can still be edited field by field before it is issued; letters already drafted or issued keep their own wording.</source>
        <translation>起草各类公文时采用的默认文字。草稿在签发前仍可逐项修改；已起草或已签发的公文保留各自的文字，不随模板改变。</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>文种(&amp;K)：</translation>
    </message>
    <message>
        <source>Placeholders filled in when a draft is made: %1</source>
        <translation>起草时自动填入的占位符：%1</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>e.g. 效告 (the number adds 〔year〕n号)</source>
        <translation>如 效告（文号自动加〔年份〕n号）</translation>
    </message>
    <message>
        <source>empty: the server's address once this device is enrolled</source>
        <translation>留空：本机登记到服务器后使用服务器地址</translation>
    </message>
    <message>
        <source>Restore &amp;default</source>
        <translation>恢复默认(&amp;D)</translation>
    </message>
    <message>
        <source>Put the shipped wording of this kind in the form; Save makes it stick</source>
        <translation>将该文种的默认文字填入表单，保存后生效</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Unknown placeholder {%1}: use one of %2.</source>
        <translation>未知的占位符 {%1}：只能使用 %2。</translation>
    </message>
    <message>
        <source>Give the office code alone, e.g. 效告, without brackets or spaces: the number adds 〔year〕n号.</source>
        <translation>只填机关代字，如“效告”，不要括号和空格；文号会自动加上〔年份〕n号。</translation>
    </message>
    <message>
        <source>Give a web address that starts with https://.</source>
        <translation>请填写以 https:// 开头的网址。</translation>
    </message>
    <message>
        <source>Write braces only around a placeholder, e.g. {deadline}.</source>
        <translation>花括号只能用于占位符，如 {deadline}。</translation>
    </message>
    <message>
        <source>Give a whole number from %1 to %2.</source>
        <translation>请填写 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>The shipped wording is in the form: Save to use it.</source>
        <translation>已填入默认文字，保存后生效。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <source>The shipped wording.</source>
        <translation>当前使用默认文字。</translation>
    </message>
    <message>
        <source>This hall's own wording.</source>
        <translation>当前使用本厅修改后的文字。</translation>
    </message>
    <message>
        <source>The stored wording cannot be used (%1); the shipped wording is shown.</source>
        <translation>本厅保存的文字无法使用（%1），现显示默认文字。</translation>
    </message>
</context>
</TS>
