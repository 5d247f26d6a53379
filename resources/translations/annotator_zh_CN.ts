<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../annotator/gui/help_menu.py" line="+216"/>
        <source>About Annotator</source>
        <translation>关于标注器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code news articles with framing codes and measure inter-coder agreement.</source>
        <translation>用框架编码标注新闻文章，并计算编码员间信度。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Free software under the MIT licence.</source>
        <translation>自由软件，采用 MIT 许可证。</translation>
    </message>
</context>
<context>
    <name>AgreementView</name>
    <message>
        <location filename="../../annotator/gui/agreement_view.py" line="+42"/>
        <source>% agreement</source>
        <translation>一致百分比</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>weighted κ</source>
        <translation>加权 κ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Categories (q)</source>
        <translation>类别数 (q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pairable values</source>
        <translation>可配对值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+445"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-445"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>group</source>
        <translation>组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+483"/>
        <source>(all codes)</source>
        <translation>（全部编码）</translation>
    </message>
    <message>
        <location line="-482"/>
        <source>reliable</source>
        <translation>可靠</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tentative</source>
        <translation>暂定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unreliable</source>
        <translation>不可靠</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+551"/>
        <location line="+63"/>
        <source>undefined</source>
        <translation>无定义</translation>
    </message>
    <message>
        <location line="-613"/>
        <source>character</source>
        <translation>字符</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>token</source>
        <translation>词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>span</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nominal</source>
        <translation>定类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ordinal</source>
        <translation>定序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interval</source>
        <translation>定距</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ratio</source>
        <translation>定比</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>document: is the code anywhere in the article (usual for framing studies); character/token/sentence/paragraph: which stretches; span: unitizing alpha_U</source>
        <translation>文档：编码是否出现在文章中的任何位置（框架研究的常用做法）；字符/词/句子/段落：比较哪些文本片段；范围：切分信度 alpha_U</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A mutually exclusive group: its children and the group as one nominal variable</source>
        <translation>互斥编码组：比较其各子编码，并把整组作为一个名义变量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compare the coders on the documents of one document set</source>
        <translation>只比较某个文档集中的文档</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resample documents this many times for 95% confidence intervals of alpha</source>
        <translation>对文档重抽样的次数，用于计算 alpha 的 95% 置信区间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>from the codebook</source>
        <translation>按编码表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many categories an exclusive group offers, for Brennan-Prediger and AC1 (q). Default: its children, plus &quot;(none)&quot; where a finished coder left a unit without any</source>
        <translation>互斥组可选的类别数，用于 Brennan-Prediger 与 AC1 (q)。默认：其子编码；若有已完成的编码员在某单元未选任何子编码，再加上&quot;(none)&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Level of measurement of groups whose children are numbers (a rating scale): alpha at that level, weighted κ and AC2</source>
        <translation>子编码为数字（评分量表）的组的测量层次：该层次的 α、加权 κ 与 AC2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unit:</source>
        <translation>单元：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group:</source>
        <translation>编码组：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bootstrap:</source>
        <translation>自助抽样：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories (q):</source>
        <translation>类别数 (q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level:</source>
        <translation>测量层次：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coders (two or more):</source>
        <translation>编码员（两名或以上）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Codes (none ticked: every code used):</source>
        <translation>编码（不勾选：所有已使用的编码）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents (none ticked: all):</source>
        <translation>文档（不勾选：全部）：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose coders and press Compute</source>
        <translation>请选择编码员并点击“计算”</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Coder pairs (Krippendorff&apos;s α; Cohen&apos;s κ in the tooltip)</source>
        <translation>编码员两两比较（Krippendorff&apos;s α；提示中为 Cohen&apos;s κ）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click to show the place in the coding view</source>
        <translation>双击在编码视图中显示该处</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Krippendorff&apos;s α per code</source>
        <translation>各编码的 Krippendorff&apos;s α</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Codings changed since these results were computed; they are computed again when you come back to this view</source>
        <translation>计算这些结果之后编码已有改动；回到此视图时会重新计算</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Has not marked any document done: tick to compare anyway</source>
        <translation>尚未将任何文档标记为完成：勾选即可仍然比较</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Tick the documents of a set…</source>
        <translation>勾选某个文档集的文档…</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Tick at least two coders to compare</source>
        <translation>请至少勾选两名编码员进行比较</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agreement</source>
        <translation>信度</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{0} of {1} codes</source>
        <translation>{0} / {1} 个编码</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelled; the previous results (if any) are still shown</source>
        <translation>已取消；仍显示之前的结果（如有）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mark</source>
        <translation>评定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>95% CI</source>
        <translation>95% 置信区间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Segments per coder</source>
        <translation>每名编码员的片段数</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{0} resamples of documents, {1} with a defined α</source>
        <translation>文档重抽样 {0} 次，其中 {1} 次 α 有定义</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unit: {unit} · coders: {coders} · documents: {documents}</source>
        <translation>单位：{unit} · 编码员：{coders} · 文档：{documents}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> ({0} left out: not finished by every chosen coder)</source>
        <translation>（{0} 篇未计入：并非所选的每位编码员都已完成）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ({0} left out: not finished by two coders)</source>
        <translation>（{0} 篇未计入：未被两名编码员完成）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · bootstrap {0} resamples, seed {1}</source>
        <translation> · 自助法重抽样 {0} 次，种子 {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · α ≥ .800 reliable, .667–.800 tentative</source>
        <translation> · α ≥ .800 为可靠，.667–.800 为暂定</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Coder pairs for {path}: Krippendorff&apos;s α (Cohen&apos;s κ, % agreement in the tooltip)</source>
        <translation>{path} 的编码员两两比较：Krippendorff&apos;s α（提示中为 Cohen&apos;s κ 和一致百分比）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{a} × {b}: α {alpha}, κ {kappa}, agreement {agree}</source>
        <translation>{a} × {b}：α {alpha}，κ {kappa}，一致率 {agree}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0} exclusive-group conflicts: a coder applied two children of one group to the same text; that coder counts as missing there</source>
        <translation>{0} 处互斥组冲突：某编码员对同一段文本使用了同组的两个子编码；该编码员在此处按缺失计</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{0} (undefined)</source>
        <translation>{0}（无定义）</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Export agreement as {0}</source>
        <translation>将信度结果导出为 {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>Annotator</source>
        <translation>标注器</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>{path}: cannot write ({0})</source>
        <translation>{path}：无法写入（{0}）</translation>
    </message>
</context>
<context>
    <name>AnalysisView</name>
    <message>
        <location filename="../../annotator/gui/analysis_view.py" line="+368"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+22"/>
        <location line="+24"/>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Export cloud…</source>
        <translation>导出词云…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Share of coded documents in each outlet that use each frame</source>
        <translation>各媒体已编码文档中使用各框架的比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Documents with both codes</source>
        <translation>同时含两个编码的文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlapping segments</source>
        <translation>重叠片段</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The most frequent content words of each frame</source>
        <translation>各框架中最常见的实词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export clouds…</source>
        <translation>导出词云…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Characteristic words</source>
        <translation>特征词</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+179"/>
        <source>Frames by outlet</source>
        <translation>各媒体的框架</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Co-occurrence</source>
        <translation>共现</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word clouds</source>
        <translation>词云</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>All coders</source>
        <translation>全部编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set: {0}</source>
        <translation>文档集：{0}</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+32"/>
        <source>Analysing…</source>
        <translation>正在分析…</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+6"/>
        <source>Segmenting documents: {done} of {total}…</source>
        <translation>正在分词：{done} / {total}…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0} segment(s), {1} tokens against {2} in the rest of the corpus; G2 ≥ 3.84: p &lt; 0.05</source>
        <translation>{0} 个片段，{1} 个词，对照语料其余部分的 {2} 个词；G2 ≥ 3.84：p &lt; 0.05</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No content word occurs twice in the {0} coded segment(s) yet ({1} tokens); code more text with this frame</source>
        <translation>{0} 个已编码片段中（{1} 个词元）尚无出现两次的实词；请用此框架编码更多文本</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG (*.png);;SVG (*.svg)</source>
        <translation>PNG (*.png);;SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+13"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>CodePicker</name>
    <message>
        <location filename="../../annotator/gui/code_picker.py" line="+36"/>
        <source>Type a code&apos;s name…</source>
        <translation>输入编码名称…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter codes the selection · ↑↓ choose · Esc cancels</source>
        <translation>回车：为所选文本编码 · ↑↓ 选择 · Esc 取消</translation>
    </message>
</context>
<context>
    <name>CodebookPanel</name>
    <message>
        <location filename="../../annotator/gui/codebook_panel.py" line="+69"/>
        <source>Filter codes…</source>
        <translation>筛选编码…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+57"/>
        <source>Doc</source>
        <translation>本文</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+58"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Add code…</source>
        <translation>添加编码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Describe…</source>
        <translation>描述…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shortcut key…</source>
        <translation>快捷键…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move under…</source>
        <translation>移动到…之下</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a code</source>
        <translation>添加编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the selected code</source>
        <translation>编辑所选编码</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Codings by {whose} in “{title}” (the document of the active pane)</source>
        <translation>{whose} 在《{title}》中的编码（当前窗格的文档）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Doc: “{title}” · All: every document · {whose}</source>
        <translation>文档：《{title}》 · 全部：所有文档 · {whose}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Codings in the document of the active pane (none is open)</source>
        <translation>当前窗格文档中的编码（尚未打开文档）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doc: no document open · All: every document · {whose}</source>
        <translation>文档：尚未打开 · 全部：所有文档 · {whose}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codings by {whose} in every document of the project</source>
        <translation>{whose} 在项目全部文档中的编码</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Retrieve codings</source>
        <translation>检索编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code memo…</source>
        <translation>编码备忘录…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add code</source>
        <translation>添加编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code (use / to nest, e.g. Frame/Conflict):</source>
        <translation>编码（用 / 表示层级，例如 框架/冲突）：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rename code</source>
        <translation>重命名编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Colour of {0}</source>
        <translation>{0} 的颜色</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Describe code</source>
        <translation>描述编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description of {0}:</source>
        <translation>{0} 的描述：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shortcut key</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key that applies &apos;{0}&apos; (a letter or digit; empty to remove):</source>
        <translation>应用“{0}”的按键（一个字母或数字；留空则删除）：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move code</source>
        <translation>移动编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move &apos;{0}&apos; under:</source>
        <translation>将“{0}”移动到：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Merge codes</source>
        <translation>合并编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Merge &apos;{0}&apos; (and its codings) into:</source>
        <translation>将“{0}”（及其编码标注）合并到：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> and its {0} sub-code(s)</source>
        <translation>及其 {0} 个子编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete code</source>
        <translation>删除编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete &apos;{path}&apos;{sub}? {count} coded segment(s) will be deleted with it.
You can undo this with Edit ▸ Undo.</source>
        <translation>删除“{path}”{sub}？其 {count} 个已编码片段将一并删除。
可通过 编辑 ▸ 撤销 恢复。</translation>
    </message>
</context>
<context>
    <name>CodersDialog</name>
    <message>
        <location filename="../../annotator/gui/coders_dialog.py" line="+23"/>
        <source>Coders</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Codings</source>
        <translation>编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>An adjudicator (such as the consensus coder made in Review) settles disagreements and is left out of agreement by default. Merge two names of one person; Ctrl+Z undoes any of these changes.</source>
        <translation>裁定者（如在分歧审阅中建立的共识编码员）负责裁定分歧，默认不计入信度。同一人的两个名字可以合并；以上任何修改都可用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adjudicator</source>
        <translation>裁定者</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Add coder</source>
        <translation>添加编码员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the new coder:</source>
        <translation>新编码员的名字：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rename coder</source>
        <translation>重命名编码员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name for “{0}”:</source>
        <translation>“{0}”的新名字：</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+7"/>
        <source>Merge coders</source>
        <translation>合并编码员</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Give all codings of “{0}” to (two names of one person):</source>
        <translation>把“{0}”的全部编码标注交给（同一人的两个名字）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Merge “{0}” ({1} codings) into “{2}”? “{0}” is removed; identical codings are kept once. Ctrl+Z undoes it.</source>
        <translation>把“{0}”（{1} 个编码标注）合并到“{2}”？“{0}”将被移除，完全相同的编码标注只保留一份。可用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete coder</source>
        <translation>删除编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “{0}” with {1} codings and their document statuses? Their memos stay, unsigned. Ctrl+Z undoes it.</source>
        <translation>删除“{0}”及其 {1} 个编码标注和文档进度？其备忘录保留，但不再署名。可用 Ctrl+Z 撤销。</translation>
    </message>
</context>
<context>
    <name>CodingView</name>
    <message>
        <location filename="../../annotator/gui/coding_view.py" line="+72"/>
        <source>Filter documents…</source>
        <translation>筛选文档…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the documents of one document set</source>
        <translation>只显示某个文档集的文档</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Code selection as</source>
        <translation>将选区编码为</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Repeat last code</source>
        <translation>重复上一个编码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete coding &apos;{0}&apos;</source>
        <translation>删除编码标注“{0}”</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set: {0}</source>
        <translation>文档集：{0}</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Counting codings</source>
        <translation>正在统计编码</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>every coder</source>
        <translation>所有编码员</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the document list shows all documents again</source>
        <translation>文档列表已重新显示全部文档</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Memo saved</source>
        <translation>备忘已保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Memo removed</source>
        <translation>备忘已删除</translation>
    </message>
    <message>
        <location line="+137"/>
        <location line="+115"/>
        <source>Select some text first, then choose a code.</source>
        <translation>请先选择文本，再选择编码。</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Say who is coding first (Coder ▸ Add coder…).</source>
        <translation>请先说明谁在编码（编码员 ▸ 添加编码员…）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Coded as &apos;{0}&apos;, replacing {1}: one value per stretch of text in the exclusive group &apos;{2}&apos; (Ctrl+Z brings it back)</source>
        <translation>已编码为“{0}”，替换了 {1}：在互斥编码组“{2}”中，同一段文本只能有一个值（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Document marked done</source>
        <translation>文档已标为完成</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This is the last document of the list</source>
        <translation>这是列表中的最后一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is the first document of the list</source>
        <translation>这是列表中的第一篇文档</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No codings in this document</source>
        <translation>这篇文档还没有编码标注</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Coding {0} of {1}: &apos;{2}&apos;</source>
        <translation>第 {0} 个编码标注（共 {1} 个）：“{2}”</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project_bus.py" line="+164"/>
        <source>Annotator</source>
        <translation>标注器</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/coding_view.py" line="-73"/>
        <source>Coded {0} characters as &apos;{1}&apos;</source>
        <translation>已将 {0} 个字符编码为“{1}”</translation>
    </message>
</context>
<context>
    <name>DisagreementModel</name>
    <message>
        <location filename="../../annotator/gui/review_view.py" line="+33"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coded by</source>
        <translation>编码者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not coded by</source>
        <translation>未编码者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>settled</source>
        <translation>已裁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>未裁定</translation>
    </message>
</context>
<context>
    <name>DocumentChecklist</name>
    <message>
        <location filename="../../annotator/gui/document_picker.py" line="+189"/>
        <source>Find documents…</source>
        <translation>查找文档…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tick listed</source>
        <translation>勾选所列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tick every document the filter lists</source>
        <translation>勾选筛选列出的所有文档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Untick all</source>
        <translation>全部取消勾选</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{0} ticked</source>
        <translation>已勾选 {0} 篇</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>None ticked: all documents</source>
        <translation>未勾选：全部文档</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../../annotator/gui/document_dialog.py" line="+37"/>
        <source>Properties of “{0}”</source>
        <translation>“{0}”的属性</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>YYYY-MM-DD (or YYYY-MM, YYYY)</source>
        <translation>YYYY-MM-DD（或 YYYY-MM、YYYY）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} characters · {1} codings · imported from {2}</source>
        <translation>{0} 个字符 · {1} 个编码标注 · 导入自 {2}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlet</source>
        <translation>媒体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>网址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add attribute</source>
        <translation>添加属性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove attribute</source>
        <translation>删除属性</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New set…</source>
        <translation>新建文档集…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;Attributes&lt;/b&gt; (wave, section, author …)</source>
        <translation>&lt;b&gt;属性&lt;/b&gt;（调查轮次、版面、作者 …）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Document sets&lt;/b&gt;</source>
        <translation>&lt;b&gt;文档集&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../annotator/gui/document_pane.py" line="+370"/>
        <source>Close this pane</source>
        <translation>关闭此窗格</translation>
    </message>
</context>
<context>
    <name>DocumentPicker</name>
    <message>
        <location filename="../../annotator/gui/document_picker.py" line="-222"/>
        <source>Choose a document…</source>
        <translation>选择文档…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <source>Type part of a title, name, outlet or date to find a document</source>
        <translation>输入标题、名称、媒体或日期的一部分以查找文档</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>List the documents</source>
        <translation>列出文档</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../annotator/gui/models/document_table.py" line="+22"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outlet</source>
        <translation>媒体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lang</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My status</source>
        <translation>我的状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to do</source>
        <translation>待编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>characters</source>
        <translation>字符</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="+35"/>
        <source>Comma ( , )</source>
        <translation>逗号 ( , )</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Semicolon ( ; )</source>
        <translation>分号 ( ; )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pipe ( | )</source>
        <translation>竖线 ( | )</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Codebook (CSV, with usage per coder)</source>
        <translation>编码本（CSV，含每名编码员的使用次数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coded segments (CSV, one row per segment)</source>
        <translation>编码片段（CSV，每个片段一行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document × code matrix per coder (CSV, for R/SPSS)</source>
        <translation>每名编码员的文档 × 编码矩阵（CSV，供 R/SPSS 使用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments and progress (CSV)</source>
        <translation>任务分配与进度 (CSV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memos: journal, documents, codes and codings (CSV)</source>
        <translation>备忘录：项目日志、文档、编码和编码标注（CSV）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REFI-QDA codebook (.qdc)</source>
        <translation>REFI-QDA 编码本 (.qdc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REFI-QDA project (.qdpx, for other QDA tools)</source>
        <translation>REFI-QDA 项目（.qdpx，供其他质性分析软件使用）</translation>
    </message>
    <message>
        <location line="+171"/>
        <location line="+81"/>
        <location line="+130"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CSV options</source>
        <translation>CSV 选项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UTF-8 with BOM (Excel shows Chinese correctly)</source>
        <translation>带 BOM 的 UTF-8（Excel 可正确显示中文）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Protect against formulas (= + - @ get a leading &apos;)</source>
        <translation>防止公式注入（以 = + - @ 开头的单元格前加 &apos;）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the first N coded passages of each code as example quotes</source>
        <translation>把每个编码的前 N 个编码段落作为示例引文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Example quotes per code:</source>
        <translation>每个编码的示例引文数：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set: {0}</source>
        <translation>文档集：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>&lt;b&gt;Contents&lt;/b&gt; of the {0} file</source>
        <translation>{0} 文件的&lt;b&gt;内容&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Preview&lt;/b&gt; unavailable: {exc}</source>
        <translation>&lt;b&gt;预览&lt;/b&gt;不可用：{exc}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Preview&lt;/b&gt;: header and first {0} rows, exactly as written</source>
        <translation>&lt;b&gt;预览&lt;/b&gt;：表头和前 {0} 行，与写入内容完全一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Preview&lt;/b&gt;: header only (nothing to export yet)</source>
        <translation>&lt;b&gt;预览&lt;/b&gt;：仅表头（尚无可导出的内容）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose where to save the file first.</source>
        <translation>请先选择保存位置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>✓ {summary}</source>
        <translation>✓ {summary}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✗ Export failed: {message}</source>
        <translation>✗ 导出失败：{message}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="+33"/>
        <source>Find in document</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Previous hit (Shift+Enter)</source>
        <translation>上一个结果（Shift+Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next hit (Enter)</source>
        <translation>下一个结果（Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>no hits</source>
        <translation>无结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} of {1}</source>
        <translation>第 {0} 个，共 {1} 个</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../annotator/gui/help_menu.py" line="-157"/>
        <source>Annotator user guide</source>
        <translation>标注器用户指南</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ten-minute tutorial</source>
        <translation>十分钟教程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement measures</source>
        <translation>信度指标</translation>
    </message>
</context>
<context>
    <name>ImportHint</name>
    <message>
        <location filename="../../annotator/gui/new_project_dialog.py" line="+131"/>
        <source>&lt;h2&gt;No articles yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;还没有文章&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import articles next: &lt;b&gt;File ▸ Import documents…&lt;/b&gt; (Ctrl+I) reads .txt, .docx, .html, .pdf and .csv files, or drop files on this window. Then select a passage and press a code&apos;s key to code it.</source>
        <translation>下一步：导入文章。&lt;b&gt;文件 ▸ 导入文档…&lt;/b&gt;（Ctrl+I）可读取 .txt、.docx、.html、.pdf 和 .csv 文件，也可以把文件拖到此窗口。然后选择一段文字，按编码的快捷键即可编码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import documents…</source>
        <translation>导入文档…</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../annotator/gui/inspector.py" line="+35"/>
        <source>Memo for this coding…</source>
        <translation>此编码的备忘…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save memo</source>
        <translation>保存备忘录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete coding</source>
        <translation>删除编码标注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Span</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-code</source>
        <translation>重新编码为</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start one word left (Alt+Ctrl+←)</source>
        <translation>开头左移一个词（Alt+Ctrl+←）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start one word right (Alt+Ctrl+→)</source>
        <translation>开头右移一个词（Alt+Ctrl+→）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End one word left (Alt+Shift+←)</source>
        <translation>结尾左移一个词（Alt+Shift+←）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End one word right (Alt+Shift+→)</source>
        <translation>结尾右移一个词（Alt+Shift+→）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Boundaries</source>
        <translation>边界</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Click a highlight to inspect it. Alt+Shift+←/→ moves its end, Alt+Ctrl+←/→ its start.</source>
        <translation>点击高亮处查看详情。Alt+Shift+←/→ 移动其结尾，Alt+Ctrl+←/→ 移动其开头。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{0}–{1} ({2} characters)</source>
        <translation>{0}–{1}（{2} 个字符）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>✓ Saved</source>
        <translation>✓ 已保存</translation>
    </message>
</context>
<context>
    <name>KwicModel</name>
    <message>
        <location filename="../../annotator/gui/search_view.py" line="+37"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outlet</source>
        <translation>媒体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left context</source>
        <translation>左侧上下文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Right context</source>
        <translation>右侧上下文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>终点</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="+52"/>
        <location line="+154"/>
        <source>Coding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Agreement</source>
        <translation>信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>分歧审阅</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>Add coder</source>
        <translation>添加编码员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coder name:</source>
        <translation>编码员姓名：</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Annotator</source>
        <translation>标注器</translation>
    </message>
    <message>
        <location line="-72"/>
        <source> Coder: </source>
        <translation> 编码员：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The coder whose codings you are making and seeing</source>
        <translation>当前进行编码并查看其编码的编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who is coding?</source>
        <translation>谁在编码？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add coder…</source>
        <translation>添加编码员…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show other coders</source>
        <translation>显示其他编码员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blind coding is on by default: only your own codings are shown</source>
        <translation>默认启用盲编码：只显示你自己的编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add pane</source>
        <translation>添加窗格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat last code</source>
        <translation>重复上一个编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark document done</source>
        <translation>将文档标为已完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Coder</source>
        <translation>编码员(&amp;C)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(in memory)</source>
        <translation>（内存中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} — Annotator</source>
        <translation>{name} — 标注器</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Sending your last changes to the team server…</source>
        <translation>正在把最后的更改发送到团队服务器…</translation>
    </message>
</context>
<context>
    <name>MemosView</name>
    <message>
        <location filename="../../annotator/gui/memos_view.py" line="+18"/>
        <source>journal</source>
        <translation>项目日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>coding</source>
        <translation>编码标注</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>All memos</source>
        <translation>全部备忘录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search memos…</source>
        <translation>搜索备忘录…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+138"/>
        <source>New journal entry</source>
        <translation>新建日志条目</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+159"/>
        <source>Memo</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <location line="-158"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a memo to read or edit it</source>
        <translation>选择一条备忘录以阅读或编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save memo</source>
        <translation>保存备忘录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in text</source>
        <translation>在文本中显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+101"/>
        <source>Delete memo</source>
        <translation>删除备忘录</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>(journal)</source>
        <translation>（项目日志）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0} memos</source>
        <translation>{0} 条备忘录</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Memo saved</source>
        <translation>备忘录已保存</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete this memo? Ctrl+Z undoes it.</source>
        <translation>删除这条备忘录？可用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A note for the project journal (a decision, a definition, a doubt):</source>
        <translation>写入项目日志的笔记（一个决定、一个定义、一个疑问）：</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Memo on “{0}”:</source>
        <translation>关于“{0}”的备忘录：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other memos:</source>
        <translation>其他备忘录：</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../annotator/gui/new_project_dialog.py" line="-119"/>
        <source>Policy Frames Codebook</source>
        <translation>政策框架编码表（Policy Frames Codebook）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Boydstun et al.&apos;s 15 policy frames (economic, security, morality …)</source>
        <translation>Boydstun 等人的 15 个政策框架（经济、安全、道德 …）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policy Frames Codebook, Chinese labels</source>
        <translation>政策框架编码表，中文标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>the same frames with Chinese names and definitions</source>
        <translation>同样的框架，使用中文名称和定义</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Generic news frames</source>
        <translation>通用新闻框架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Semetko &amp; Valkenburg: responsibility, human interest, conflict …</source>
        <translation>Semetko 与 Valkenburg：责任、人情味、冲突 …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generic news frames, Chinese labels</source>
        <translation>通用新闻框架，中文标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty codebook</source>
        <translation>空编码表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add your own codes in the codebook panel</source>
        <translation>在编码表面板中添加自己的编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From a codebook CSV…</source>
        <translation>从编码表 CSV 文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a codebook exported from another project or written in a spreadsheet</source>
        <translation>从其他项目导出、或在电子表格中编写的编码表</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+49"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+21"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Codebook file (.csv)</source>
        <translation>编码表文件（.csv）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Project file&lt;/b&gt;</source>
        <translation>&lt;b&gt;项目文件&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Start from a codebook&lt;/b&gt;</source>
        <translation>&lt;b&gt;从编码表开始&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Annotator projects (*.annotator)</source>
        <translation>Annotator 项目 (*.annotator)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Codebook CSV</source>
        <translation>编码表 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose where to save the project.</source>
        <translation>请选择项目的保存位置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} already exists; choose another name.</source>
        <translation>{0} 已存在，请换一个名字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder {0} does not exist.</source>
        <translation>文件夹 {0} 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the codebook CSV file.</source>
        <translation>请选择编码表 CSV 文件。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../annotator/gui/preferences.py" line="+41"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document text size:</source>
        <translation>文档文字大小：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language is used from the next start of Annotator.</source>
        <translation>新的界面语言将在标注器下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>ProjectBus</name>
    <message>
        <location filename="../../annotator/gui/project_bus.py" line="-57"/>
        <source>Another edit is still being saved; try again in a moment.</source>
        <translation>另一项编辑仍在保存中，请稍后再试。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source> (the undo history was cleared)</source>
        <translation>（撤销记录已清空）</translation>
    </message>
</context>
<context>
    <name>RetrievalTableModel</name>
    <message>
        <location filename="../../annotator/gui/models/retrieval_table.py" line="+10"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memo</source>
        <translation>备忘录</translation>
    </message>
</context>
<context>
    <name>RetrievalView</name>
    <message>
        <location filename="../../annotator/gui/retrieval_view.py" line="+41"/>
        <source>Tick codes to list their codings (with their sub-codes); none ticked: all</source>
        <translation>勾选编码以列出其编码标注（含子编码）；未勾选则列出全部</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All codes</source>
        <translation>全部编码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Codes&lt;/b&gt;</source>
        <translation>&lt;b&gt;编码&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Filter by text or memo…</source>
        <translation>按文本或备忘录筛选…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set</source>
        <translation>文档集</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-code as…</source>
        <translation>重新编码为…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+239"/>
        <source>Edit memo…</source>
        <translation>编辑备忘录…</translation>
    </message>
    <message>
        <location line="-237"/>
        <location line="+238"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-236"/>
        <source>Export list…</source>
        <translation>导出列表…</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>All coders</source>
        <translation>全部编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All sets</source>
        <translation>全部文档集</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Reading codings…</source>
        <translation>正在读取编码标注…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retrieved segments</source>
        <translation>检索片段</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{0} codings in {1} documents</source>
        <translation>{1} 篇文档中的 {0} 个编码标注</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Open in the coding view</source>
        <translation>在编码视图中打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-code as</source>
        <translation>重新编码为</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Re-coded; {0} other value(s) of the exclusive group replaced</source>
        <translation>已重新编码；替换了互斥编码组中的 {0} 个其他值</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Memo</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Memo for “{0}”</source>
        <translation>“{0}”的备忘录</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+9"/>
        <source>Export retrieved segments</source>
        <translation>导出检索到的片段</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} codings written to {1}</source>
        <translation>已将 {0} 个编码标注写入 {1}</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../../annotator/gui/review_view.py" line="+441"/>
        <source>documents left out: {0}</source>
        <translation>未计入的文档：{0} 篇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents not finished by two of the compared coders are not compared (Edit ▸ Mark document done)</source>
        <translation>未被两名参与比较的编码员标为已完成的文档不参与比较（编辑 ▸ 将文档标为已完成）</translation>
    </message>
    <message>
        <location line="-360"/>
        <source>Compare:</source>
        <translation>比较：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The coder that receives the settled version; analysed like any coder</source>
        <translation>接收裁定版本的编码员；与其他编码员一样参与分析</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Review the documents of one document set</source>
        <translation>审查某一文档集中的文档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set:</source>
        <translation>文档集：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>characters (exact spans)</source>
        <translation>字符（精确片段）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>words</source>
        <translation>词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paragraphs</source>
        <translation>段落</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>whole documents</source>
        <translation>整篇文档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A disagreement is a place where the coders did not code the same units: at sentences, marking different words of one sentence is agreement. The same list as `annotator disagreements --unit`</source>
        <translation>分歧是编码员未编码相同单元的位置：以句子为单元时，在同一句中标记不同的词仍算一致。与 `annotator disagreements --unit` 的列表相同</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show settled</source>
        <translation>显示已裁定</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Consensus coder:</source>
        <translation>共识编码员：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disagree at:</source>
        <translation>分歧单元：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coder:</source>
        <translation>编码员：</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose a disagreement</source>
        <translation>请选择一处分歧</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>◀ Previous (P)</source>
        <translation>◀ 上一处 (P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next (N) ▶</source>
        <translation>下一处 (N) ▶</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+327"/>
        <source>Accept all versions</source>
        <translation>采纳所有版本</translation>
    </message>
    <message>
        <location line="-326"/>
        <source>Union of every coder&apos;s spans here</source>
        <translation>此处所有编码员范围的并集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept none (0)</source>
        <translation>全部不采纳 (0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing of this code here in the consensus</source>
        <translation>共识版本中此处不使用该编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit by hand…</source>
        <translation>手动编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the place in the Coding view as the consensus coder, every coder&apos;s codings shown; come back and press &apos;Mark settled&apos;</source>
        <translation>以共识编码员身份在“编码”视图中打开此处，并显示所有编码员的编码；完成后回来点击“标为已裁定”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark settled</source>
        <translation>标为已裁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record that this place was settled by hand (segments unchanged)</source>
        <translation>记录此处已手动裁定（片段不变）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy agreed codings</source>
        <translation>复制一致的编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy every span all compared coders coded identically to the consensus coder</source>
        <translation>把所有被比较编码员编码完全相同的范围复制给共识编码员</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Has not marked any document done: tick to compare anyway</source>
        <translation>尚未将任何文档标记为完成：勾选即可仍然比较</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All codes</source>
        <translation>全部编码</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Any coder</source>
        <translation>任一编码员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>coded by {0}</source>
        <translation>由 {0} 编码</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No disagreements for these coders and filters</source>
        <translation>在这些编码员和筛选条件下没有分歧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose at least two coders to compare</source>
        <translation>请至少选择两名编码员进行比较</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} of {1} disagreements remain</source>
        <translation>还剩 {0} / {1} 处分歧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No disagreements</source>
        <translation>没有分歧</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Accept {0} ({1})</source>
        <translation>采纳 {0}（{1}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Accept both</source>
        <translation>两者都采纳</translation>
    </message>
    <message>
        <location line="+46"/>
        <source> — has not finished this document</source>
        <translation> — 尚未完成此文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} · {1} · characters {2}–{3}</source>
        <translation>{0} · {1} · 字符 {2}–{3}</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+5"/>
        <source>Not settled yet</source>
        <translation>尚未裁定</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Settled (the consensus coder has coded here)</source>
        <translation>已裁定（共识编码员已在此处编码）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accepted: {0}</source>
        <translation>已采纳：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted: none</source>
        <translation>已采纳：无</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edited by hand</source>
        <translation>已手工编辑</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <location filename="../../annotator/gui/analysis_view.py" line="-632"/>
        <source>word</source>
        <translation>词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>count</source>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rest count</source>
        <translation>其余语料次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per 10k</source>
        <translation>每万词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rest per 10k</source>
        <translation>其余语料每万词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>g2</source>
        <translation>G2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overused</source>
        <translation>显著偏多</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outlet</source>
        <translation>媒体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>frame</source>
        <translation>框架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>coded documents</source>
        <translation>已编码文档数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>documents with frame</source>
        <translation>含该框架的文档数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>share</source>
        <translation>比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>segments</source>
        <translation>片段数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../annotator/gui/search_view.py" line="+80"/>
        <source>Word or phrase — 简体 or 繁體, English ignores case</source>
        <translation>词或短语——简体或繁體均可，英文不区分大小写</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finds whole words: Chinese as the segmenter cuts the documents, so 生物安全 does not find 生物安全法, which it keeps as one word. Ctrl+F in a document finds every occurrence of any text.</source>
        <translation>按整词检索：中文按分词器对文档的切分为准，因此“生物安全”找不到“生物安全法”（分词器把它当作一个词）。在文档中按 Ctrl+F 可找到任意文字的每一处出现。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+161"/>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>from YYYY-MM-DD</source>
        <translation>起始日期 YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to YYYY-MM-DD</source>
        <translation>截止日期 YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> chars</source>
        <translation> 字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context shown each side of the keyword</source>
        <translation>关键词两侧显示的上下文长度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dictionary</source>
        <translation>词典</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add word to the project dictionary…</source>
        <translation>向项目词典添加词语…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove word from the project dictionary…</source>
        <translation>从项目词典删除词语…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Code all hits</source>
        <translation>为所有结果编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code the selected hits (all hits when none is selected) in one edit</source>
        <translation>一次性为所选结果编码（未选择时为全部结果）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+49"/>
        <source>Type a word and press Enter.</source>
        <translation>输入词语后按回车。</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Outlet</source>
        <translation>媒体</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set</source>
        <translation>文档集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>by</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>as coder</source>
        <translation>编码员身份</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>All outlets</source>
        <translation>全部媒体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any code</source>
        <translation>任一编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any coder</source>
        <translation>任一编码员</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Searching for “{text}”…</source>
        <translation>正在检索“{text}”…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Segmenting documents: {done} of {total}…</source>
        <translation>正在分词：{done} / {total}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} hit(s) in {documents} document(s)</source>
        <translation>{documents} 篇文档中共 {0} 处结果</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{0} hit(s) coded as {1} (Edit ▸ Undo reverts them all)</source>
        <translation>已将 {0} 处命中编码为 {1}（编辑 ▸ 撤销可全部还原）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coding {0} hit(s) as {1}…</source>
        <translation>正在将 {0} 处命中编码为 {1}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+10"/>
        <location line="+2"/>
        <location line="+15"/>
        <source>Project dictionary</source>
        <translation>项目词典</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Word to keep in one piece (e.g. 孕妇血样):</source>
        <translation>需保持完整的词语（例如 孕妇血样）：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The project dictionary is empty.</source>
        <translation>项目词典为空。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Word to remove:</source>
        <translation>要删除的词语：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Segmenting the documents that contain the word…</source>
        <translation>正在对包含该词的文档重新分词…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dictionary updated; {count} document(s) segmented again</source>
        <translation>词典已更新；{count} 篇文档已重新分词</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../annotator/gui/help_menu.py" line="+95"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Selections snap to whole words; hold Alt while dragging to select exact characters.</source>
        <translation>选区会对齐到完整词语；拖动时按住 Alt 可精确选择字符。</translation>
    </message>
</context>
<context>
    <name>TeamStatusLabel</name>
    <message>
        <location filename="../../annotator/gui/team_sync.py" line="+354"/>
        <source>1 change waiting</source>
        <translation>1 项更改待发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} changes waiting</source>
        <translation>{count} 项更改待发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Team: syncing…</source>
        <translation>团队：正在同步…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Team: not synced (click to retry)</source>
        <translation>团队：未同步（点击重试）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Team: offline</source>
        <translation>团队：离线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Team: not synced yet</source>
        <translation>团队：尚未同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Team: synced {when}</source>
        <translation>团队：已同步（{when}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server cannot be reached; your work is safe here and is sent when it can be.</source>
        <translation>无法连接服务器；你的工作安全保存在本地，连上后会自动发送。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 min ago</source>
        <translation>1 分钟前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{minutes} min ago</source>
        <translation>{minutes} 分钟前</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <location line="-204"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Synced: {summary}</source>
        <translation>已同步：{summary}</translation>
    </message>
</context>
<context>
    <name>WordCloud</name>
    <message>
        <location filename="../../annotator/gui/analysis_view.py" line="+157"/>
        <source>No words yet: code some text with this frame</source>
        <translation>尚无词语：请用此框架编码一些文本</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../annotator/gui/app.py" line="+105"/>
        <source>Annotator</source>
        <translation>标注器</translation>
    </message>
</context>
<context>
    <name>daily_actions</name>
    <message>
        <location filename="../../annotator/gui/daily_actions.py" line="+49"/>
        <location line="+22"/>
        <source>Retrieved segments</source>
        <translation>检索片段</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>Memos</source>
        <translation>备忘录</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Find in document…</source>
        <translation>在文档中查找…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code selection by name…</source>
        <translation>按名称为所选文本编码…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next document</source>
        <translation>下一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous document</source>
        <translation>上一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next coding</source>
        <translation>下一个编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous coding</source>
        <translation>上一个编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the code filter</source>
        <translation>转到编码筛选框</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Manage coders…</source>
        <translation>管理编码员…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Who is coding?</source>
        <translation>谁在编码？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name as a coder (your codings are saved under it; agreement compares coders):</source>
        <translation>你作为编码员的名字（你的编码标注以此名保存；信度比较的是编码员）：</translation>
    </message>
</context>
<context>
    <name>document_menu</name>
    <message>
        <location filename="../../annotator/gui/document_menu.py" line="+75"/>
        <source>Delete {0} with {1} codings and {2} memos? Ctrl+Z brings them back.</source>
        <translation>删除 {0} 及其 {1} 个编码标注和 {2} 条备忘录？可用 Ctrl+Z 恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete document</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deleted {0} document(s) with {1} codings</source>
        <translation>已删除 {0} 篇文档及其 {1} 个编码标注</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open in pane {0}</source>
        <translation>在第 {0} 个窗格中打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Properties…</source>
        <translation>属性…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document memo…</source>
        <translation>文档备忘录…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to set</source>
        <translation>加入文档集</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New set…</source>
        <translation>新建文档集…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove from set</source>
        <translation>移出文档集</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mark not done</source>
        <translation>标为未完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark done</source>
        <translation>标为完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete document…</source>
        <translation>删除文档…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New document set</source>
        <translation>新建文档集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the set (an outlet, a wave, a sample):</source>
        <translation>文档集的名称（一家媒体、一轮调查、一个样本）：</translation>
    </message>
</context>
<context>
    <name>exchange_actions</name>
    <message>
        <location filename="../../annotator/gui/exchange_actions.py" line="+37"/>
        <source>Added: {0} documents, {1} codes, {2} coders, {3} segments, {4} memos.</source>
        <translation>新增：{0} 篇文档、{1} 个编码、{2} 名编码员、{3} 个片段、{4} 条备忘。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already present: {0} documents, {1} codes; {2} duplicate segments skipped.</source>
        <translation>已存在：{0} 篇文档、{1} 个编码；跳过 {2} 个重复片段。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assignments updated: {0}.</source>
        <translation>已更新任务分配：{0}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts: {0} (see details).</source>
        <translation>冲突：{0}（见详细信息）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts: {0}.</source>
        <translation>冲突：{0}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Warnings: {0} (see details).</source>
        <translation>警告：{0}（见详细信息）。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import REFI-QDA (.qdpx/.qdc)…</source>
        <translation>导入 REFI-QDA (.qdpx/.qdc)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge coder&apos;s project…</source>
        <translation>合并编码员的项目…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Codebook, coded segments, matrix for R/SPSS, REFI-QDA files, with a preview</source>
        <translation>编码本、编码片段、供 R/SPSS 使用的矩阵、REFI-QDA 文件，附预览</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+17"/>
        <source>Import REFI-QDA</source>
        <translation>导入 REFI-QDA</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Merge a coder&apos;s project</source>
        <translation>合并编码员的项目</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Merged {0}</source>
        <translation>已合并 {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merged {0}: {1}</source>
        <translation>已合并 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>file_actions</name>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="+178"/>
        <source>{0} imported, {1} skipped</source>
        <translation>已导入 {0} 篇，跳过 {1} 篇</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/exchange_actions.py" line="-71"/>
        <location filename="../../annotator/gui/file_actions.py" line="-96"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="-59"/>
        <source>Annotator projects (*.annotator);;All files (*)</source>
        <translation>Annotator 项目 (*.annotator);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents (*.txt *.docx *.html *.htm *.pdf *.csv);;All files (*)</source>
        <translation>文档 (*.txt *.docx *.html *.htm *.pdf *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close project</source>
        <translation>关闭项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import documents…</source>
        <translation>导入文档…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Created {0}. Import articles next: File ▸ Import documents… (Ctrl+I)</source>
        <translation>已创建 {0}。下一步导入文章：文件 ▸ 导入文档…（Ctrl+I）</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>A copy needs a new file name.</source>
        <translation>副本需要一个新的文件名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} already exists; choose a new name.</source>
        <translation>{0} 已存在，请换一个新名字。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved a copy as {0}</source>
        <translation>已另存副本为 {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This is the demo project; open or create a project with the File menu</source>
        <translation>这是演示项目；请通过“文件”菜单打开或新建项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closed {0}; this is the demo project. File ▸ Open recent reopens it.</source>
        <translation>已关闭 {0}；现在显示演示项目。可通过 文件 ▸ 最近打开 重新打开。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>import cancelled; nothing was imported</source>
        <translation>导入已取消；未导入任何内容</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Import documents</source>
        <translation>导入文档</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Importing documents…</source>
        <translation>正在导入文档…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+7"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>font_check</name>
    <message>
        <location filename="../../annotator/gui/font_check.py" line="+39"/>
        <source>Chinese text</source>
        <translation>中文文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No installed font can show Chinese characters, so Chinese articles will show boxes. Install a CJK font (for example Noto Sans CJK: &apos;apt install fonts-noto-cjk&apos;, or your system&apos;s language settings) and restart.</source>
        <translation>没有已安装的字体能显示中文字符，中文文章会显示为方框。请安装中日韩字体（例如 Noto Sans CJK：&apos;apt install fonts-noto-cjk&apos;，或在系统语言设置中安装）后重新启动。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Emoji</source>
        <translation>表情符号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This document contains emoji, but no installed font can show them in colour, so they show as boxes (the text and your codings are not affected). Install an emoji font (for example Noto Color Emoji: &apos;apt install fonts-noto-color-emoji&apos;) and restart.</source>
        <translation>此文档含有表情符号，但没有已安装的字体能以彩色显示它们，因此会显示为方框（文本和编码不受影响）。请安装表情符号字体（例如 Noto Color Emoji：&apos;apt install fonts-noto-color-emoji&apos;）后重新启动。</translation>
    </message>
</context>
<context>
    <name>help_menu</name>
    <message>
        <location filename="../../annotator/gui/help_menu.py" line="-80"/>
        <location line="+143"/>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>The user guide is not installed with this copy of Annotator. It is the docs folder of the source code and is included in the desktop bundle.</source>
        <translation>此标注器副本未安装用户指南。用户指南是源代码中的 docs 文件夹，桌面程序包中已包含。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+1"/>
        <source>Codes</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Apply “{0}” (snapped to words)</source>
        <translation>应用“{0}”（对齐到词语）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply “{0}” to the exact selection</source>
        <translation>将“{0}”应用到精确选区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move the end of the selected coding one word right</source>
        <translation>把所选编码标注的结尾向右移动一个词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the end of the selected coding one word left</source>
        <translation>把所选编码标注的结尾向左移动一个词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the start of the selected coding one word right</source>
        <translation>把所选编码标注的开头向右移动一个词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the start of the selected coding one word left</source>
        <translation>把所选编码标注的开头向左移动一个词</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ten-minute tutorial</source>
        <translation>十分钟教程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About Annotator</source>
        <translation>关于标注器</translation>
    </message>
</context>
<context>
    <name>integrity</name>
    <message>
        <location filename="../../annotator/gui/integrity_watch.py" line="+50"/>
        <source>Check project</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Project file damaged</source>
        <translation>项目文件已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} is damaged: {1}. Save nothing more in it; restore a backup, or run `annotator check` for the full list.</source>
        <translation>{0} 已损坏：{1}。请不要再在其中保存任何内容；请恢复备份，或运行 `annotator check` 查看完整列表。</translation>
    </message>
</context>
<context>
    <name>ownership</name>
    <message>
        <location filename="../../annotator/gui/team_dialogs.py" line="+29"/>
        <source>Documents, the codebook, coders, document sets and who is assigned which document belong to the lead.</source>
        <translation>文档、代码簿、编码员、文档集以及谁被分配了哪篇文档，都归负责人所有。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each coder&apos;s segments, memos and the status of their own assignments belong to that coder. Segments of coders without a login of their own (such as the consensus coder made in Review) belong to the lead.</source>
        <translation>每位编码员的编码片段、备忘录及其自身任务的状态归该编码员所有。没有自己登录名的编码员（例如在“分歧审阅”中生成的共识编码员）的编码片段归负责人所有。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A sync sends only what you own. A change you made to something you do not own is put back to the server&apos;s version by that sync, and the sync tells you what it put back.</source>
        <translation>同步只发送归你所有的内容。你对不归你所有的内容所做的更改，会在该次同步中恢复为服务器上的版本，同步会告诉你恢复了什么。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A code a coder adds is a proposal: it is sent, only that coder and the lead see it, and the lead accepts it (&apos;annotator team accept-code&apos;) into the codebook everyone sees.</source>
        <translation>编码员新增的代码是一项提议：它会被发送，但只有该编码员和负责人能看到；负责人接受它（&apos;annotator team accept-code&apos;）后，才进入所有人可见的代码簿。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the lead renames or moves a code, every coder&apos;s segments follow it (segments refer to the code, not its name) and each coder&apos;s next sync names the change.</source>
        <translation>负责人重命名或移动某个代码时，所有编码员的编码片段都随之变化（片段指向代码本身，而非其名称），每位编码员的下次同步会说明这一变化。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the lead merges a code into another, every coder&apos;s segments of it are re-coded to the other, also those added offline meanwhile. When the lead deletes a code, every coder&apos;s segments of it go with it; the lead undoing the deletion brings them back.</source>
        <translation>负责人把一个代码合并到另一个代码时，所有编码员使用该代码的片段都会改为另一个代码，包括期间离线新增的片段。负责人删除某个代码时，所有编码员使用该代码的片段随之删除；负责人撤销删除即可恢复它们。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When the lead reveals a document, coders can read everyone&apos;s codings of it and their own become read-only: they have now seen the others&apos;. Changes made to it afterwards are not sent.</source>
        <translation>负责人公开某篇文档后，编码员可以看到所有人对它的编码，而自己的编码变为只读：他们已经看到了别人的编码。此后对该文档所做的更改不会被发送。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleting a document (lead) deletes its codings and assignments for everyone; undoing it brings them back.</source>
        <translation>（负责人）删除一篇文档，会为所有人删除它的编码和任务；撤销即可恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A coder with a login of their own is not deleted or merged into another coder in a team project (that would delete their work everywhere); the lead disables the login instead.</source>
        <translation>在团队项目中，拥有自己登录名的编码员不会被删除或合并到另一位编码员（那会在所有地方删除其工作）；负责人应改为停用其登录名。</translation>
    </message>
</context>
<context>
    <name>search_view</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="-262"/>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
</context>
<context>
    <name>team_dialogs</name>
    <message>
        <location filename="../../annotator/gui/team_dialogs.py" line="+60"/>
        <source>for example {url}</source>
        <translation>例如 {url}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A postgresql:// URL, &apos;host=… dbname=… user=…&apos;, or a service name from ~/.pg_service.conf. A password typed here is used once and not stored.</source>
        <translation>postgresql:// 网址、&apos;host=… dbname=… user=…&apos;，或 ~/.pg_service.conf 中的服务名。在此输入的密码只用一次，不会保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Share on a server</source>
        <translation>共享到服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload this project to an empty PostgreSQL database (15 or newer) and lead it as a team project: every coder gets a login of their own, and the server keeps coding blind until you reveal a document. See the Team guide (docs/team.md).</source>
        <translation>将本项目上传到一个空的 PostgreSQL 数据库（15 或更高版本），并作为团队项目由你负责：每位编码员有自己的登录名，在你公开某篇文档之前，服务器保证编码是盲编码。详见团队指南（docs/team.md）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(I do not code)</source>
        <translation>（我不参与编码）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I code as:</source>
        <translation>我的编码员身份：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make a password for each coder&apos;s login</source>
        <translation>为每位编码员的登录名生成密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share</source>
        <translation>共享</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Coders&apos; logins</source>
        <translation>编码员登录名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give each coder their login and password. They are shown only now and stored nowhere; a coder keeps theirs in ~/.pgpass (HOST:PORT:DATABASE:LOGIN:PASSWORD).</source>
        <translation>请把登录名和密码分别交给每位编码员。它们只在此时显示一次，不会保存在任何地方；编码员把自己的密码写进 ~/.pgpass（主机:端口:数据库:登录名:密码）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Join a team project</source>
        <translation>加入团队项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the coder name the lead gave you</source>
        <translation>负责人给你的编码员名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coder:</source>
        <translation>编码员：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New local file:</source>
        <translation>新的本地文件：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your copy of the team project</source>
        <translation>你的团队项目副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotator projects (*.annotator)</source>
        <translation>Annotator 项目 (*.annotator)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>That file exists already: a team copy is a new file.</source>
        <translation>该文件已存在：团队副本必须是一个新文件。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reveal for review</source>
        <translation>公开以供审阅</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After the reveal, coders read everyone&apos;s codings of the document and their own there become read-only. This cannot be undone.</source>
        <translation>公开后，编码员可以看到所有人对该文档的编码，而他们自己在该文档上的编码变为只读。此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every document</source>
        <translation>所有文档</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reveal</source>
        <translation>公开</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+53"/>
        <source>Team status</source>
        <translation>团队状态</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+125"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segments</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add coder…</source>
        <translation>添加编码员…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Codes coders proposed (only they and you see them):</source>
        <translation>编码员提议的代码（只有他们和你能看到）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept into the codebook</source>
        <translation>接受进代码簿</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Team project &apos;{project}&apos; on {server} (lead: {lead}): {documents} documents, {revealed} revealed for review.</source>
        <translation>团队项目“{project}”位于 {server}（负责人：{lead}）：{documents} 篇文档，{revealed} 篇已公开供审阅。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} (disabled)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <location line="-252"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>coders</source>
        <translation>名编码员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>documents</source>
        <translation>篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>codes</source>
        <translation>个代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>document sets</source>
        <translation>个文档集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set memberships</source>
        <translation>项文档集成员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>segments</source>
        <translation>个编码片段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assignments</source>
        <translation>项任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>memos</source>
        <translation>条备忘录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>pushed {pushed}; pulled {pulled}</source>
        <translation>发送 {pushed}；接收 {pulled}</translation>
    </message>
    <message>
        <location line="+272"/>
        <source>{path} (by {coder})</source>
        <translation>{path}（由 {coder} 提议）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who owns what:</source>
        <translation>归属规则：</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+3"/>
        <source>Add coder</source>
        <translation>添加编码员</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Name of the new coder:</source>
        <translation>新编码员的名称：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enable coder</source>
        <translation>启用编码员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disable coder</source>
        <translation>停用编码员</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Accept code</source>
        <translation>接受代码</translation>
    </message>
</context>
<context>
    <name>team_menu</name>
    <message>
        <location filename="../../annotator/gui/team_menu.py" line="+41"/>
        <source>Share on a server…</source>
        <translation>共享到服务器…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put this project on a PostgreSQL server as a team project (you become its lead)</source>
        <translation>把本项目作为团队项目放到 PostgreSQL 服务器上（你成为负责人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join a team project…</source>
        <translation>加入团队项目…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Team status and coders…</source>
        <translation>团队状态与编码员…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reveal for review…</source>
        <translation>公开以供审阅…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let coders see everyone&apos;s codings of a document (theirs become read-only)</source>
        <translation>让编码员看到所有人对某篇文档的编码（他们自己的编码变为只读）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Shared on {server}: you are the lead of this team project</source>
        <translation>已共享到 {server}：你是这个团队项目的负责人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Share on a server</source>
        <translation>共享到服务器</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Joined as {coder}: {summary}</source>
        <translation>已以 {coder} 身份加入：{summary}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Join a team project</source>
        <translation>加入团队项目</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>every document</source>
        <translation>所有文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revealed {what} ({count} newly): coders see everyone&apos;s codings after their next sync</source>
        <translation>已公开 {what}（新增 {count} 篇）：编码员在下次同步后即可看到所有人的编码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reveal for review</source>
        <translation>公开以供审阅</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
</context>
<context>
    <name>team_sync</name>
    <message>
        <location filename="../../annotator/gui/team_sync.py" line="-160"/>
        <source>Team server</source>
        <translation>团队服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password for {server}
(not stored: put it in ~/.pgpass to skip this question)</source>
        <translation>{server} 的密码
（不会保存：写进 ~/.pgpass 即可不再询问）</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <location filename="../../annotator/gui/undo.py" line="+26"/>
        <source>code &apos;{0}&apos;</source>
        <translation>编码为“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code text</source>
        <translation>编码文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete coding</source>
        <translation>删除编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete {0} codings</source>
        <translation>删除 {0} 处编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change coding</source>
        <translation>修改编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>re-code</source>
        <translation>重新编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adjust boundary</source>
        <translation>调整边界</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add code &apos;{0}&apos;</source>
        <translation>添加编码“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change code</source>
        <translation>修改编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recolour code</source>
        <translation>更改编码颜色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>describe code</source>
        <translation>描述编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set shortcut key</source>
        <translation>设置快捷键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>move code to &apos;{0}&apos;</source>
        <translation>将编码移至“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete code</source>
        <translation>删除编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete code &apos;{0}&apos;</source>
        <translation>删除编码“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge codes</source>
        <translation>合并编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge &apos;{0}&apos; into &apos;{1}&apos;</source>
        <translation>将“{0}”合并到“{1}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mark document done</source>
        <translation>将文档标为已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set status &apos;{0}&apos;</source>
        <translation>设置状态“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accept {0}</source>
        <translation>采纳 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accept none</source>
        <translation>全部不采纳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mark edited by hand</source>
        <translation>标记为手工编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>copy agreed codings</source>
        <translation>复制一致的编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>re-code {0} codings</source>
        <translation>重新编码 {0} 个编码标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edit memo</source>
        <translation>编辑备忘录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add memo</source>
        <translation>添加备忘录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete memo</source>
        <translation>删除备忘录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edit document properties</source>
        <translation>编辑文档属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete document</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete {0} documents</source>
        <translation>删除 {0} 篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add to set &apos;{0}&apos;</source>
        <translation>加入文档集“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>remove from set &apos;{0}&apos;</source>
        <translation>移出文档集“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rename set to &apos;{0}&apos;</source>
        <translation>将文档集重命名为“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete document set</source>
        <translation>删除文档集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add coder &apos;{0}&apos;</source>
        <translation>添加编码员“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rename coder to &apos;{0}&apos;</source>
        <translation>将编码员重命名为“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge coder &apos;{0}&apos; into &apos;{1}&apos;</source>
        <translation>将编码员“{0}”合并到“{1}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete coder &apos;{0}&apos;</source>
        <translation>删除编码员“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set role &apos;{0}&apos;</source>
        <translation>设置角色“{0}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code {0} hit(s) as &apos;{1}&apos;</source>
        <translation>将 {0} 处命中编码为“{1}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code {0} hit(s)</source>
        <translation>编码 {0} 处命中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edit</source>
        <translation>编辑</translation>
    </message>
</context>
</TS>
